package org.privacysuite.dsar.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.QueuedMail;

/**
 * Sends the mail outbox: each mail once its transaction has committed (on a worker thread), and again with doubling intervals while the
 * mail relay refuses it. A mail is claimed by a conditional update that moves its next attempt ahead, so two replicas
 * never send it at the same time; it is deleted once sent. No database transaction is open while the relay talks.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);

    /** How long one attempt may take before another replica may try the same mail. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    @Inject
    Mailer mailer;

    @Inject
    ExportVault vault;

    @Inject
    DsarConfig config;

    @Inject
    Clock clock;

    /**
     * Hands the mail to a worker thread: the committing thread (an HTTP request's) never waits for the relay, so a
     * relay that hangs rather than refuses delays the mail, not the answer. A mail the worker never gets to (the
     * process stops) is still in the outbox, and {@link #deliverDue} sends it.
     */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailOutbox.MailQueued queued) {
        Infrastructure.getDefaultWorkerPool().execute(() -> deliver(queued.id()));
    }

    /** Sends every mail whose next attempt is due; returns how many went out. */
    public int deliverDue() {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> QueuedMail.<QueuedMail>find(
                "nextAttemptAt <= ?1 order by nextAttemptAt", Instant.now(clock)).page(0, 200).list()
                .stream().map(m -> m.id).toList());
        return (int) due.stream().filter(this::deliver).count();
    }

    private boolean deliver(String id) {
        Instant now = Instant.now(clock);
        QueuedMail mail = QuarkusTransaction.requiringNew().call(() -> {
            int claimed = QueuedMail.update("nextAttemptAt = ?1 where id = ?2 and nextAttemptAt <= ?3",
                    now.plus(CLAIM), id, now);
            return claimed == 1 ? QueuedMail.<QueuedMail>findById(id) : null;
        });
        if (mail == null) {
            return false; // sent already, or another replica is on it
        }
        try {
            mailer.send(Mail.withText(mail.recipient, mail.subject,
                    new String(vault.decrypt(mail.bodyEncrypted), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            int attempts = mail.attempts + 1;
            Instant next = Instant.now(clock).plus(backoff(attempts));
            String error = e.getClass().getSimpleName();
            QuarkusTransaction.requiringNew().run(() -> QueuedMail.update(
                    "attempts = ?1, nextAttemptAt = ?2, lastError = ?3 where id = ?4", attempts, next, error, id));
            LOG.warnf("Mail %s not sent (attempt %d, %s); next attempt at %s", id, attempts, error, next);
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> QueuedMail.deleteById(id));
        return true;
    }

    private Duration backoff(int attempts) {
        Duration first = config.mail().firstRetry();
        Duration wait = first.multipliedBy(1L << Math.min(attempts - 1, 16));
        return wait.compareTo(config.mail().maxRetry()) > 0 ? config.mail().maxRetry() : wait;
    }
}
