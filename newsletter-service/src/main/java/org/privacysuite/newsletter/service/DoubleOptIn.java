package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.mail.MailComposer;
import org.privacysuite.newsletter.mail.MailKind;
import org.privacysuite.newsletter.mail.Postman;

/**
 * Double opt-in: asking for a subscription and confirming it. Whatever the address's state, subscribing answers the same, so the answer never
 * tells a stranger whether an address is subscribed; only the mailbox learns it, by mail:
 * <ul>
 * <li>unknown address: a PENDING subscription and a confirmation link (if the address was erased before, the mail
 * says so and confirming lifts its suppression);</li>
 * <li>PENDING, or UNSUBSCRIBED: a new confirmation link (the older ones stop working); an unsubscribed address stays
 * unsubscribed until the link is confirmed;</li>
 * <li>CONFIRMED: nothing changes; the mailbox gets a short "you are already subscribed" notice.</li>
 * </ul>
 * At most one such mail per address per {@code newsletter.confirmation.resend-interval}, and at most
 * {@code newsletter.sign-ups.mails-per-address} per window however the rows come and go ({@link SignUpThrottle}), so
 * the form cannot be used to flood a mailbox.
 */
@ApplicationScoped
public class DoubleOptIn {

    @Inject
    EmailAddresses addresses;

    @Inject
    TopicCatalogue catalogue;

    @Inject
    SuppressionList suppression;

    @Inject
    MailComposer composer;

    @Inject
    Postman postman;

    @Inject
    ConfirmationMails confirmations;

    @Inject
    NewsletterConfig config;

    @Inject
    SignUpThrottle throttle;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** A subscription request as accepted (normalised address and topics). */
    public record Requested(String email, List<String> topics) {
    }

    public record Confirmed(Subscriber subscriber, boolean suppressionLifted) {
    }

    public Requested subscribe(String rawEmail, Collection<String> rawTopics, String deviceId, Optional<Caller> caller) {
        EmailAddresses.Address address = addresses.normalise("email", rawEmail);
        List<String> topics = List.copyOf(new TreeSet<>(rawTopics));
        catalogue.requireKnown("topics", rawTopics);
        // counted before (and whatever becomes of) the transaction, so a refused or repeated request counts too
        boolean mailAllowed = throttle.mayMail(address.key());
        try {
            QuarkusTransaction.requiringNew().run(() -> subscribe(address, topics, deviceId, caller, mailAllowed));
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // A concurrent request created the same address first: take the path of a known address.
            QuarkusTransaction.requiringNew().run(() -> subscribe(address, topics, deviceId, caller, mailAllowed));
        }
        return new Requested(address.delivery(), topics);
    }

    private void subscribe(EmailAddresses.Address address, List<String> topics, String deviceId,
            Optional<Caller> caller, boolean mailAllowed) {
        Instant now = Instant.now(clock);
        // Claims the right to mail this address now; also locks its row against concurrent requests.
        boolean mayMail = mailAllowed && Subscriber.update("lastMailAt = ?1 where emailKey = ?2 and (lastMailAt is null or lastMailAt <= ?3)",
                now, address.key(), now.minus(config.confirmation().resendInterval())) > 0;
        Subscriber subscriber = Subscriber.byEmailKey(address.key()).orElse(null);
        boolean owner = caller.map(c -> c.owns(address.key())).orElse(false);
        String outcome;
        if (subscriber == null) {
            subscriber = new Subscriber();
            subscriber.id = UUID.randomUUID().toString();
            subscriber.email = address.delivery();
            subscriber.emailKey = address.key();
            subscriber.status = SubscriptionStatus.PENDING;
            subscriber.topics.addAll(topics);
            subscriber.deviceId = deviceId;
            subscriber.accountId = owner ? caller.get().accountId() : null;
            subscriber.subscribedAt = now;
            subscriber.lastMailAt = now;
            subscriber.afterSuppression = suppression.isSuppressed(address.key());
            subscriber.persist();
            subscriber.flush();
            outcome = !mailAllowed ? "throttled" : subscriber.afterSuppression ? "new-after-suppression" : "new";
            if (mailAllowed) {
                confirmations.send(subscriber, topics, deviceId, now);
            }
        } else {
            if (owner && subscriber.accountId == null) {
                subscriber.accountId = caller.get().accountId();
            }
            switch (subscriber.status) {
                case PENDING, UNSUBSCRIBED -> {
                    if (subscriber.status == SubscriptionStatus.PENDING) {
                        // Unconfirmed anyway: the latest request is what the confirmation mail asks about.
                        subscriber.topics.clear();
                        subscriber.topics.addAll(topics);
                        if (deviceId != null) {
                            subscriber.deviceId = deviceId;
                        }
                    }
                    outcome = subscriber.status == SubscriptionStatus.PENDING ? "pending-again" : "resubscribe";
                    if (mayMail) {
                        confirmations.send(subscriber, topics, deviceId, now);
                    }
                }
                default -> {
                    outcome = "already-confirmed";
                    if (mayMail) {
                        postman.deliver(MailKind.ALREADY_SUBSCRIBED,
                                composer.alreadySubscribed(subscriber, catalogue.titlesOf(subscriber.topics)));
                    }
                }
            }
            if (!mayMail) {
                outcome = "throttled";
            }
        }
        registry.counter("newsletter.subscriptions", "outcome", outcome).increment();
    }

    /**
     * Confirms with the token from the mail: single use, expiring, and only the latest link of an address works.
     * Confirming applies the topics (and device) of the request that sent the link.
     */
    @Transactional
    public Confirmed confirm(String token) {
        Instant now = Instant.now(clock);
        String hash = Hmac.sha256Hex(token == null ? "" : token);
        ConfirmationToken row = ConfirmationToken.findById(hash);
        if (row == null) {
            throw new ProblemException(400, "confirmation-invalid", "Invalid confirmation link",
                    "This confirmation link is not valid. Please copy the whole link from the mail.");
        }
        if (row.usedAt != null) {
            throw ProblemException.conflict("confirmation-used", "Confirmation link already used",
                    "This confirmation link has already been used; each link works once.");
        }
        if (row.revokedAt != null || !row.expiresAt.isAfter(now)) {
            throw new ProblemException(410, "confirmation-expired", "Confirmation link expired",
                    "This confirmation link has expired or was replaced by a newer one. Subscribe again to get a new link.");
        }
        // Single use even under concurrent clicks: only one transaction can mark it.
        if (ConfirmationToken.update("usedAt = ?1 where tokenHash = ?2 and usedAt is null and revokedAt is null",
                now, hash) == 0) {
            throw ProblemException.conflict("confirmation-used", "Confirmation link already used",
                    "This confirmation link has already been used; each link works once.");
        }
        Subscriber subscriber = Subscriber.findById(row.subscriberId);
        if (subscriber == null) {
            throw new ProblemException(410, "confirmation-expired", "Confirmation link expired",
                    "The subscription this link was for no longer exists. Subscribe again to get a new link.");
        }
        subscriber.status = SubscriptionStatus.CONFIRMED;
        subscriber.confirmedAt = now;
        subscriber.unsubscribedAt = null;
        subscriber.topics.clear();
        subscriber.topics.addAll(row.topicList());
        if (row.deviceId != null) {
            subscriber.deviceId = row.deviceId;
        }
        // A fresh double opt-in is the address owner's new consent: it ends the earlier objection.
        boolean lifted = suppression.lift(subscriber.emailKey);
        if (lifted) {
            subscriber.afterSuppression = true;
        }
        ConfirmationToken.revokeOpen(subscriber.id, now);
        registry.counter("newsletter.confirmations", "after-suppression", Boolean.toString(lifted)).increment();
        return new Confirmed(subscriber, lifted);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
