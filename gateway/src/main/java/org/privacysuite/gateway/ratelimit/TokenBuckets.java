package org.privacysuite.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * One Bucket4j token bucket per key (client address or token client), held in a bounded Caffeine cache. A bucket
 * that has been left alone long enough to be full again is indistinguishable from a new one, so it is dropped
 * after exactly that idle time: memory stays proportional to the keys active recently, with no change in behaviour.
 */
final class TokenBuckets {

    private final long burst;
    private final Duration refillPeriodPerToken;
    private final Cache<String, Bucket> buckets;

    TokenBuckets(String name, GatewayConfig.Bucket config, int maxKeys) {
        if (!(config.requestsPerSecond() > 0) || config.burst() < 1) {
            throw new IllegalArgumentException("The " + name + " rate limit needs requests-per-second > 0 and burst >= 1");
        }
        this.burst = config.burst();
        this.refillPeriodPerToken = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / config.requestsPerSecond())));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(refillPeriodPerToken.multipliedBy(burst))
                .build();
    }

    /** Takes a token for the key: 0 when there was one, else how many whole seconds until there will be. */
    long take(String key) {
        ConsumptionProbe probe = buckets.get(key, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
    }

    private Bucket newBucket() {
        // greedy refill: tokens come back continuously (one every refillPeriodPerToken), not in lumps
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, refillPeriodPerToken))
                .build();
    }
}
