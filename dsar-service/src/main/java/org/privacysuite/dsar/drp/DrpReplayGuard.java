package org.privacysuite.dsar.drp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.service.Sha256;

/**
 * Section 3.07: "a data rights request represents a single action of one user acting against one covered business
 * one time". Signed messages already acted on are remembered (a SHA-256 of agent id and message) until their
 * {@code expires-at} has passed, after which the expiry check refuses them anyway; messages without one (revokes)
 * for {@code dsar.drp.replay-memory}.
 */
@ApplicationScoped
public class DrpReplayGuard {

    /** INSERT IGNORE waits for a concurrent insert of the same digest and then reports 0 rows, without an error. */
    private static final String REMEMBER = "INSERT IGNORE INTO drp_message (digest, agent_id, remember_until)"
            + " VALUES (:digest, :agent, :until)";

    /** A locking read: it sees the row a concurrent transaction has just committed. */
    private static final String EARLIER = "SELECT request_id FROM drp_message WHERE digest = :digest FOR UPDATE";

    /** Far enough for any real expiry; keeps absurd expires-at values inside the DATETIME range. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    @Inject
    EntityManager em;

    @Inject
    DsarConfig config;

    @Inject
    Clock clock;

    /** A message's first use, or its reuse with the request it was first used for (empty: none, a key setup). */
    public record Use(String digest, boolean first, Optional<String> earlierRequest) {
    }

    /** Records the message's use in the current transaction (so a refused action leaves no trace). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Use use(String agentId, byte[] message, Optional<Instant> expiresAt) {
        return remember(Sha256.hex(agentId.getBytes(StandardCharsets.UTF_8), new byte[] {0}, message), agentId,
                expiresAt);
    }

    /**
     * The same for a message that acts on one request named by the URL, not by the message (a revoke, 2.04): its use
     * is remembered per request, so one correctly signed revoke body may revoke several requests of the same agent,
     * each once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Use use(String agentId, String requestId, byte[] message, Optional<Instant> expiresAt) {
        return remember(Sha256.hex(agentId.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                requestId.getBytes(StandardCharsets.UTF_8), new byte[] {0}, message), agentId, expiresAt);
    }

    private Use remember(String digest, String agentId, Optional<Instant> expiresAt) {
        Instant now = Instant.now(clock);
        Instant until = expiresAt.orElse(now.plus(config.drp().replayMemory()));
        if (until.isAfter(now.plus(LONGEST))) {
            until = now.plus(LONGEST);
        }
        int inserted = em.createNativeQuery(REMEMBER).setParameter("digest", digest).setParameter("agent", agentId)
                .setParameter("until", until).executeUpdate();
        if (inserted == 1) {
            return new Use(digest, true, Optional.empty());
        }
        List<?> earlier = em.createNativeQuery(EARLIER).setParameter("digest", digest).getResultList();
        return new Use(digest, false, earlier.isEmpty() ? Optional.empty() : Optional.ofNullable((String) earlier.get(0)));
    }

    /** Ties a first-used message to the request it created or revoked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bind(Use use, String requestId) {
        em.createNativeQuery("UPDATE drp_message SET request_id = :request WHERE digest = :digest")
                .setParameter("request", requestId).setParameter("digest", use.digest()).executeUpdate();
    }

    /** Forgets messages whose expiry (or memory) has passed. */
    @Transactional
    public int forgetExpired() {
        return em.createNativeQuery("DELETE FROM drp_message WHERE remember_until < :now")
                .setParameter("now", Instant.now(clock)).executeUpdate();
    }
}
