package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.mail.MailComposer;
import org.privacysuite.newsletter.mail.MailKind;
import org.privacysuite.newsletter.mail.Postman;

/**
 * The double opt-in link: a random token whose keyed hash is stored (single use, expiring, only the latest of an
 * address works) and the mail that carries it. Sent on subscription, on a change of topics that needs consent again,
 * and when a rectification moves a subscription to a new address.
 */
@ApplicationScoped
public class ConfirmationMails {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TopicCatalogue catalogue;

    @Inject
    SuppressionList suppression;

    @Inject
    MailComposer composer;

    @Inject
    Postman postman;

    @Inject
    NewsletterConfig config;

    /** Revokes the address's open links and mails a new one; confirming applies these topics (and device). */
    public void send(Subscriber subscriber, List<String> topics, String deviceId, Instant now) {
        ConfirmationToken.revokeOpen(subscriber.id, now);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ConfirmationToken row = new ConfirmationToken();
        row.tokenHash = Hmac.sha256Hex(token);
        row.subscriberId = subscriber.id;
        row.createdAt = now;
        row.expiresAt = now.plus(config.confirmation().ttl());
        row.topics = String.join(",", topics);
        row.deviceId = deviceId;
        row.persist();
        // An address on the suppression list is told why it is asked again (it stays listed until confirmed).
        String suppressedBecause = suppression.reasonOf(subscriber.emailKey).orElse(null);
        postman.deliver(MailKind.CONFIRMATION,
                composer.confirmation(subscriber, token, catalogue.titlesOf(topics), suppressedBecause));
    }
}
