package org.privacysuite.consent.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.privacysuite.consent.config.ConsentConfig;

/**
 * Caches consent decisions for the hot {@code /check} path without ever answering from before a committed change.
 *
 * <p>Subjects hash onto stripes; each stripe has an epoch and a count of changes in flight. A change marks its
 * stripes before it writes (count up, epoch up) and unmarks them after its transaction completes (epoch up, count
 * down). A cached decision carries the epoch it was loaded in and is served only while that epoch is current and no
 * change is in flight; a load that overlapped a change is not cached. So from the moment a withdrawal's transaction
 * commits, every check on this instance reads the database until the new state is cached. Other replicas drop the
 * subject's decisions when the change's {@code consent.changed.v1} reaches them ({@link #changedElsewhere}), within
 * the outbox relay's latency; the TTL bounds what is left (purpose edits, a broker outage).
 */
@ApplicationScoped
public class DecisionCache {

    private static final int STRIPES = 1024;

    @Inject
    ConsentConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final AtomicLongArray inFlight = new AtomicLongArray(STRIPES);
    private Cache<Key, Entry> cache;

    record Key(String subject, String purpose) {
    }

    private record Entry(Decision decision, long epoch) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder()
                .maximumSize(config.decisionCache().maximumSize())
                .expireAfterWrite(config.decisionCache().ttl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "consent-decisions");
    }

    public Decision get(String subject, String purpose, Supplier<Decision> loader) {
        int stripe = stripeOf(subject);
        long epoch = epochs.get(stripe);
        if (inFlight.get(stripe) > 0) {
            return loader.get();
        }
        Key key = new Key(subject, purpose);
        Entry entry = cache.getIfPresent(key);
        if (entry != null && entry.epoch() == epoch && epochs.get(stripe) == epoch) {
            return entry.decision();
        }
        Decision loaded = loader.get();
        if (epochs.get(stripe) == epoch && inFlight.get(stripe) == 0) {
            cache.put(key, new Entry(loaded, epoch));
        }
        return loaded;
    }

    /** Must be called inside the changing transaction, before its first write. */
    public void changing(Collection<String> subjects) {
        int[] stripes = subjects.stream().mapToInt(DecisionCache::stripeOf).distinct().toArray();
        mark(stripes);
    }

    /** A change committed by another replica: decisions of the subject cached here are not served again. */
    public void changedElsewhere(String subject) {
        epochs.incrementAndGet(stripeOf(subject));
    }

    /** For changes that affect every subject's decisions (a purpose edited). */
    public void changingEverything() {
        int[] all = new int[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            all[i] = i;
        }
        mark(all);
    }

    private void mark(int[] stripes) {
        // Registered first so that the stripes are released whatever happens after marking.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                // Entries of the old epochs are never served again; they age out or are overwritten.
                for (int stripe : stripes) {
                    epochs.incrementAndGet(stripe);
                    inFlight.decrementAndGet(stripe);
                }
            }
        });
        for (int stripe : stripes) {
            inFlight.incrementAndGet(stripe);
            epochs.incrementAndGet(stripe);
        }
    }

    static int stripeOf(String subject) {
        return Math.floorMod(subject.hashCode(), STRIPES);
    }
}
