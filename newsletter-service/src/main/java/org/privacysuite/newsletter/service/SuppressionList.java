package org.privacysuite.newsletter.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.SuppressionEntry;

/**
 * Erased addresses as HMAC-SHA256 of the canonical address under {@code newsletter.suppression-key}. A plain hash of
 * an address can be reversed by hashing guesses; a keyed one only by whoever holds the key, which lives in config,
 * not in the database. Rotating the key makes existing entries unmatchable, so it must be kept.
 */
@ApplicationScoped
public class SuppressionList {

    @Inject
    NewsletterConfig config;

    @Inject
    Clock clock;

    private Hmac hmac;

    @PostConstruct
    void init() {
        hmac = new Hmac("newsletter.suppression-key (NEWSLETTER_SUPPRESSION_KEY)", config.suppressionKey());
    }

    public String hashOf(String emailKey) {
        return hmac.signHex(emailKey);
    }

    public boolean isSuppressed(String emailKey) {
        return SuppressionEntry.findByIdOptional(hashOf(emailKey)).isPresent();
    }

    /** Why the address is on the list ({@link SuppressionEntry#REASON_ERASURE}, ..._OBJECTION, ..._UNSUBSCRIBED), if it is. */
    public java.util.Optional<String> reasonOf(String emailKey) {
        return SuppressionEntry.<SuppressionEntry>findByIdOptional(hashOf(emailKey)).map(e -> e.reason);
    }

    /** Adds the address; returns false if it was already there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean suppress(String emailKey, String reason) {
        String hash = hashOf(emailKey);
        if (SuppressionEntry.findByIdOptional(hash).isPresent()) {
            return false;
        }
        SuppressionEntry entry = new SuppressionEntry();
        entry.emailHash = hash;
        entry.reason = reason;
        entry.createdAt = Instant.now(clock);
        entry.persist();
        return true;
    }

    /** The address owner confirmed a new subscription (fresh double opt-in): the objection is withdrawn. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lift(String emailKey) {
        return SuppressionEntry.deleteById(hashOf(emailKey));
    }
}
