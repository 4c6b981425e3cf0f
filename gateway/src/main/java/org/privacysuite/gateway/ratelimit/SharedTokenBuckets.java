package org.privacysuite.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * Token buckets shared by every gateway replica, kept in the gateway's database ({@link DatabaseBucketStore}), so a
 * client gets the configured rate from the whole deployment, not that rate times the number of replicas.
 *
 * <p>A take blocks on the database, so it runs on a worker thread, never on the request's event loop. When the
 * database cannot answer, the request is admitted (and logged, at most once a minute): the limits protect the
 * services from floods, and making every public request depend on one more database would turn a database hiccup
 * into a full outage.
 */
final class SharedTokenBuckets implements Buckets {

    private static final Logger LOG = Logger.getLogger(SharedTokenBuckets.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final String kind;
    private final BucketConfiguration configuration;
    private final DatabaseBucketStore store;
    private final Vertx vertx;
    private final AtomicLong lastWarning = new AtomicLong();

    SharedTokenBuckets(String kind, GatewayConfig.Bucket config, DatabaseBucketStore store, Vertx vertx) {
        this.kind = kind;
        this.configuration = TokenBuckets.configuration(kind, config);
        this.store = store;
        this.vertx = vertx;
    }

    @Override
    public Future<Long> take(String key) {
        String id = rowId(key);
        return vertx.<Long>executeBlocking(() -> Buckets.retryAfterSeconds(
                        store.builder().build(id, () -> configuration).tryConsumeAndReturnRemaining(1)), false)
                .recover(failure -> {
                    long now = System.currentTimeMillis();
                    long last = lastWarning.get();
                    if (now - last > LOG_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
                        LOG.warnf("The shared rate limits cannot be checked; admitting requests meanwhile: %s",
                                failure.getMessage());
                    }
                    return Future.succeededFuture(0L);
                });
    }

    /** The row of a key: a hash, so the table holds no client address or subject id. */
    private String rowId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + '\n' + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
