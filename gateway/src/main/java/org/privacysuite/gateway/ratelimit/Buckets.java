package org.privacysuite.gateway.ratelimit;

import io.vertx.core.Future;

/** Token buckets by key: one per client address or token client. */
interface Buckets {

    /**
     * Takes a token for the key: completes with 0 when there was one, else with the whole seconds until there will
     * be. Called on the request's event loop; a store that blocks does its work elsewhere.
     */
    Future<Long> take(String key);

    /** The answer for a probe of Bucket4j: 0 when consumed, else the seconds to wait, rounded up. */
    static long retryAfterSeconds(io.github.bucket4j.ConsumptionProbe probe) {
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
    }
}
