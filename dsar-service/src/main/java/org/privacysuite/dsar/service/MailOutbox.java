package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.privacysuite.dsar.domain.QueuedMail;

/**
 * Mails are written, not sent, inside transactions: a rollback leaves no mail with a dead code or link in anyone's
 * inbox, and an SMTP outage cannot fail a request. {@link MailDelivery} sends each one right after its transaction
 * commits, and retries what could not be sent.
 */
@ApplicationScoped
public class MailOutbox {

    /** Fired in the writing transaction; observed after it commits. */
    public record MailQueued(String id) {
    }

    @Inject
    ExportVault vault;

    @Inject
    Event<MailQueued> queued;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String recipient, String subject, String text) {
        QueuedMail mail = new QueuedMail();
        mail.id = UUID.randomUUID().toString();
        mail.recipient = recipient;
        mail.subject = subject;
        mail.bodyEncrypted = vault.encrypt(text.getBytes(StandardCharsets.UTF_8));
        mail.createdAt = Instant.now(clock);
        mail.nextAttemptAt = mail.createdAt;
        mail.persist();
        queued.fire(new MailQueued(mail.id));
    }
}
