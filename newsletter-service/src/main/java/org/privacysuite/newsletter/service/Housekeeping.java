package org.privacysuite.newsletter.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.SuppressionEntry;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * Storage limitation: what has no purpose any more is deleted on a schedule.
 * <ul>
 * <li>subscriptions never confirmed, after {@code confirmation.pending-retention}: the address owner never agreed;</li>
 * <li>unsubscribed subscriptions, {@code unsubscribed-retention} after the unsubscription: the row and its send log go,
 * and the address stays only as a keyed hash on the suppression list, so the objection is still honoured;</li>
 * <li>used, revoked and expired confirmation tokens, after {@code confirmation.token-retention};</li>
 * <li>browsing events older than {@code browsing.retention}, and interest scores not refreshed within it.</li>
 * </ul>
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    @Inject
    NewsletterConfig config;

    @Inject
    Clock clock;

    @Inject
    SubscriberRemoval removal;

    @Inject
    Event<ProfileReads.Changed> changed;

    @Inject
    SignUpThrottle throttle;

    @Scheduled(identity = "newsletter-housekeeping", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            purge();
            throttle.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warnf("Housekeeping failed: %s", e.toString());
        }
    }

    /** @return rows deleted: pending subscribers, tokens, browsing events, interest scores, unsubscribed subscribers */
    public long[] purge() {
        Instant now = Instant.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant pendingBefore = now.minus(config.confirmation().pendingRetention());
            List<String> stale = Subscriber.<Subscriber>list("status = ?1 and subscribedAt < ?2",
                    SubscriptionStatus.PENDING, pendingBefore).stream().map(s -> s.id).toList();
            long tokens = stale.isEmpty() ? 0 : ConfirmationToken.delete("subscriberId in ?1", stale);
            long pending = stale.isEmpty() ? 0 : Subscriber.delete("id in ?1", stale);

            // (not while a request to subscribe again waits for its confirmation)
            List<Subscriber> unsubscribed = Subscriber.list("status = ?1 and unsubscribedAt < ?2 and id not in"
                    + " (select t.subscriberId from ConfirmationToken t where t.usedAt is null and t.revokedAt is null"
                    + " and t.expiresAt > ?3)", SubscriptionStatus.UNSUBSCRIBED, now.minus(config.unsubscribedRetention()), now);
            tokens += removal.removeKeepingSuppression(unsubscribed, SuppressionEntry.REASON_UNSUBSCRIBED).tokens();
            Instant tokensBefore = now.minus(config.confirmation().tokenRetention());
            tokens += ConfirmationToken.delete("(usedAt is not null and usedAt < ?1) or (revokedAt is not null and revokedAt < ?1)"
                    + " or expiresAt < ?1", tokensBefore);
            Instant browsingBefore = now.minus(config.browsing().retention());
            long events = BrowsingEvent.delete("occurredAt < ?1", browsingBefore);
            long scores = InterestScore.delete("updatedAt < ?1", browsingBefore);
            if (scores > 0) {
                changed.fire(ProfileReads.Changed.all());
            }
            if (pending + tokens + events + scores + unsubscribed.size() > 0) {
                LOG.infof("Housekeeping deleted %d unconfirmed and %d unsubscribed subscriptions, %d confirmation tokens,"
                        + " %d browsing events, %d interest scores", pending, unsubscribed.size(), tokens, events, scores);
            }
            return new long[] { pending, tokens, events, scores, unsubscribed.size() };
        });
    }
}
