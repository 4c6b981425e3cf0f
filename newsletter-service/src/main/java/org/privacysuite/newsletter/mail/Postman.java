package org.privacysuite.newsletter.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place mail leaves the service (SMTP through quarkus-mailer; its mock mailbox in dev and tests). Blocking:
 * callers send inside the transaction that records the send, so a failed send is not recorded as sent.
 */
@ApplicationScoped
public class Postman {

    @Inject
    Mailer mailer;

    @Inject
    MeterRegistry registry;

    public void deliver(MailKind kind, Mail mail) {
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            registry.counter("newsletter.mails.failed", "kind", kind.tag()).increment();
            throw e;
        }
        registry.counter("newsletter.mails.sent", "kind", kind.tag()).increment();
    }
}
