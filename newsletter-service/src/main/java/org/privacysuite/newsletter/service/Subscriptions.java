package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * A subscription after it was asked for: the one-click unsubscribe (RFC 8058) and the signed-in subscriber's
 * preferences. Asking and confirming is {@link DoubleOptIn}'s.
 */
@ApplicationScoped
public class Subscriptions {

    @Inject
    TopicCatalogue catalogue;

    @Inject
    UnsubscribeTokens unsubscribeTokens;

    @Inject
    InterestProfiles profiles;

    @Inject
    ConfirmationMails confirmations;

    @Inject
    NewsletterConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** The subscriber a genuine unsubscribe token names, or empty if it was erased since. */
    @Transactional
    public Optional<Subscriber> byUnsubscribeToken(String token) {
        String id = unsubscribeTokens.verify(token).orElseThrow(Subscriptions::invalidUnsubscribeLink);
        return Subscriber.findByIdOptional(id);
    }

    /**
     * RFC 8058 one-click: idempotent, and also answers for a subscriber erased since (there is nothing left to stop).
     */
    @Transactional
    public Optional<Subscriber> unsubscribe(String token, String channel) {
        String id = unsubscribeTokens.verify(token).orElseThrow(Subscriptions::invalidUnsubscribeLink);
        Optional<Subscriber> subscriber = Subscriber.findByIdOptional(id);
        subscriber.ifPresent(s -> end(s, channel));
        return subscriber;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void end(Subscriber subscriber, String channel) {
        Instant now = Instant.now(clock);
        ConfirmationToken.revokeOpen(subscriber.id, now); // a pending re-subscription link dies with it
        if (subscriber.status == SubscriptionStatus.UNSUBSCRIBED) {
            return;
        }
        subscriber.status = SubscriptionStatus.UNSUBSCRIBED;
        subscriber.unsubscribedAt = now;
        // "Withdrawal of consent or unsubscribing" ends the personalisation purpose.
        profiles.forgetUnused(subscriber);
        registry.counter("newsletter.unsubscribes", "channel", channel).increment();
    }

    /** The signed-in person's subscription: linked by account, or found by the token's verified email (then linked). */
    @Transactional
    public Optional<Subscriber> mine(Caller caller) {
        Optional<Subscriber> linked = Subscriber.byAccount(caller.accountId());
        if (linked.isPresent()) {
            return linked;
        }
        Optional<Subscriber> byEmail = caller.verifiedEmailKey().flatMap(Subscriber::byEmailKey)
                .filter(s -> s.accountId == null);
        byEmail.ifPresent(s -> s.accountId = caller.accountId());
        return byEmail;
    }

    /**
     * Preference changes of the signed-in subscriber: topics apply at once to a confirmed subscription;
     * {@code subscribed=false} unsubscribes; {@code subscribed=true} on an ended one sends a confirmation link
     * (double opt-in again, the account's address is not taken as proof).
     */
    @Transactional
    public Subscriber updateMine(Caller caller, List<String> topics, Boolean subscribed) {
        Subscriber subscriber = mine(caller).orElseThrow(() -> ProblemException.notFound("Your newsletter subscription"));
        if (topics != null) {
            catalogue.requireKnown("topics", topics);
            if (topics.isEmpty() && !Boolean.FALSE.equals(subscribed)) {
                throw ProblemException.invalid("topics", "choose at least one topic, or unsubscribe");
            }
        }
        Instant now = Instant.now(clock);
        if (Boolean.FALSE.equals(subscribed)) {
            end(subscriber, "preferences");
        } else if (Boolean.TRUE.equals(subscribed) && subscriber.status != SubscriptionStatus.CONFIRMED) {
            List<String> wanted = topics != null ? List.copyOf(new TreeSet<>(topics)) : List.copyOf(subscriber.topics);
            if (subscriber.status == SubscriptionStatus.PENDING) {
                subscriber.topics.clear();
                subscriber.topics.addAll(wanted);
            }
            if (Subscriber.update("lastMailAt = ?1 where id = ?2 and (lastMailAt is null or lastMailAt <= ?3)", now,
                    subscriber.id, now.minus(config.confirmation().resendInterval())) > 0) {
                subscriber.lastMailAt = now;
                confirmations.send(subscriber, wanted, subscriber.deviceId, now);
            }
            return subscriber;
        }
        if (topics != null && subscriber.status != SubscriptionStatus.UNSUBSCRIBED) {
            subscriber.topics.clear();
            subscriber.topics.addAll(topics);
        }
        return subscriber;
    }

    private static ProblemException invalidUnsubscribeLink() {
        return new ProblemException(400, "unsubscribe-link-invalid", "Invalid unsubscribe link",
                "This unsubscribe link is not valid. Please use the whole link from the newsletter.");
    }
}
