package org.privacysuite.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.vertx.core.Future;
import java.time.Duration;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * One Bucket4j token bucket per key (client address or token client), held in a bounded Caffeine cache of this
 * gateway instance (gateway.rate-limit.shared=false; {@link SharedTokenBuckets} shares them between replicas). A bucket
 * that has been left alone long enough to be full again is indistinguishable from a new one, so it is dropped
 * after exactly that idle time: memory stays proportional to the keys active recently, with no change in behaviour.
 */
final class TokenBuckets implements Buckets {

    private final BucketConfiguration configuration;
    private final Cache<String, Bucket> buckets;

    TokenBuckets(String name, GatewayConfig.Bucket config, int maxKeys) {
        this.configuration = configuration(name, config);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(timeToFill(config))
                .build();
    }

    @Override
    public Future<Long> take(String key) {
        Bucket bucket = buckets.get(key, ignored -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
        return Future.succeededFuture(Buckets.retryAfterSeconds(bucket.tryConsumeAndReturnRemaining(1)));
    }

    /** The limit of one kind: burst tokens, refilled greedily (continuously, one every 1/rate s, not in lumps). */
    static BucketConfiguration configuration(String name, GatewayConfig.Bucket config) {
        if (!(config.requestsPerSecond() > 0) || config.burst() < 1) {
            throw new IllegalArgumentException("The " + name + " rate limit needs requests-per-second > 0 and burst >= 1");
        }
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(config.burst()).refillGreedy(1, refillPeriodPerToken(config)))
                .build();
    }

    /** How long an untouched bucket takes to be full again, i.e. indistinguishable from a new one. */
    static Duration timeToFill(GatewayConfig.Bucket config) {
        return refillPeriodPerToken(config).multipliedBy(config.burst());
    }

    private static Duration refillPeriodPerToken(GatewayConfig.Bucket config) {
        return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / config.requestsPerSecond())));
    }
}
