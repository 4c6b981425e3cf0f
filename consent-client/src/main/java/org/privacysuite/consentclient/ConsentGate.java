package org.privacysuite.consentclient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks whether a subject's data may be used for a purpose. {@link #decide} always asks consent-service (for
 * collection that must stop the moment consent is withdrawn); {@link #decideCached} may answer from a short-lived
 * cache that {@code consent.changed.v1} events clear (for high-volume, low-stakes uses such as personalisation).
 * Both fail closed: when consent-service cannot answer, they throw {@link ConsentUnavailableException}.
 */
@ApplicationScoped
public class ConsentGate {

    @Inject
    @RestClient
    ConsentCheckApi api;

    @Inject
    ConsentClientConfig config;

    private Cache<Key, ConsentDecision> cache;

    private record Key(String subject, String purpose) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder()
                .maximumSize(config.cache().maximumSize())
                .expireAfterWrite(config.cache().ttl())
                .build();
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = ConsentUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public ConsentDecision decide(String subject, String purpose) {
        try {
            return api.check(subject, purpose);
        } catch (RuntimeException e) {
            throw new ConsentUnavailableException(e);
        }
    }

    public ConsentDecision decideCached(String subject, String purpose) {
        Key key = new Key(subject, purpose);
        ConsentDecision cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        ConsentDecision decision = decide(subject, purpose);
        cache.put(key, decision);
        return decision;
    }

    /** Called for every consent change announced on Kafka. */
    public void forget(String subject, String purpose) {
        cache.invalidate(new Key(subject, purpose));
    }
}
