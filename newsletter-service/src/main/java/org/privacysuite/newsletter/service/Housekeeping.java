package org.privacysuite.newsletter.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * Storage limitation: what has no purpose any more is deleted on a schedule.
 * <ul>
 * <li>subscriptions never confirmed, after {@code confirmation.pending-retention}: the address owner never agreed;</li>
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

    @Scheduled(identity = "newsletter-housekeeping", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("Housekeeping failed: %s", e.toString());
        }
    }

    /** @return rows deleted: pending subscribers, tokens, browsing events, interest scores */
    public long[] purge() {
        Instant now = Instant.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant pendingBefore = now.minus(config.confirmation().pendingRetention());
            List<String> stale = Subscriber.<Subscriber>list("status = ?1 and subscribedAt < ?2",
                    SubscriptionStatus.PENDING, pendingBefore).stream().map(s -> s.id).toList();
            long tokens = stale.isEmpty() ? 0 : ConfirmationToken.delete("subscriberId in ?1", stale);
            long pending = stale.isEmpty() ? 0 : Subscriber.delete("id in ?1", stale);
            Instant tokensBefore = now.minus(config.confirmation().tokenRetention());
            tokens += ConfirmationToken.delete("(usedAt is not null and usedAt < ?1) or (revokedAt is not null and revokedAt < ?1)"
                    + " or expiresAt < ?1", tokensBefore);
            Instant browsingBefore = now.minus(config.browsing().retention());
            long events = BrowsingEvent.delete("occurredAt < ?1", browsingBefore);
            long scores = InterestScore.delete("updatedAt < ?1", browsingBefore);
            if (pending + tokens + events + scores > 0) {
                LOG.infof("Housekeeping deleted %d unconfirmed subscriptions, %d confirmation tokens, %d browsing events,"
                        + " %d interest scores", pending, tokens, events, scores);
            }
            return new long[] { pending, tokens, events, scores };
        });
    }
}
