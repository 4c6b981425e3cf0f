package org.privacysuite.dsar.drp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.service.RequestChanged;

/**
 * The durable queue of status callbacks (section 2.03). A change of a request whose agent gave a
 * {@code status_callback} makes a callback due in the same transaction as the change; deliveries claim due rows,
 * and a row goes only when the agent has the status that was current when the row was claimed. A row whose attempts
 * ran out stays, marked given up, until the next change.
 */
@ApplicationScoped
public class DrpCallbackQueue {

    private static final Logger LOG = Logger.getLogger(DrpCallbackQueue.class);

    /** An upsert, so two changes committing at once cannot collide on the primary key (MySQL and MariaDB syntax). */
    private static final String DUE_NOW = "INSERT INTO drp_callback (request_id, generation, attempts, next_attempt_at)"
            + " VALUES (:id, 1, 0, :now)"
            + " ON DUPLICATE KEY UPDATE generation = generation + 1, attempts = 0, next_attempt_at = :now,"
            + " given_up_at = NULL";

    /**
     * Replicas claim different rows instead of waiting for each other. Native, because Hibernate's MySQL dialect
     * writes {@code FOR UPDATE OF alias SKIP LOCKED}, which MariaDB does not accept.
     */
    private static final String CLAIM = "SELECT request_id FROM drp_callback WHERE given_up_at IS NULL"
            + " AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :max FOR UPDATE SKIP LOCKED";

    @Inject
    EntityManager em;

    @Inject
    DsarConfig config;

    @Inject
    Clock clock;

    /** A claimed callback: which request, and the generation the delivery answers for. */
    public record Due(String requestId, long generation, int attempts) {
    }

    void onChange(@Observes RequestChanged change) {
        DrpRequest drp = DrpRequest.findById(change.requestId());
        if (drp == null || drp.statusCallback == null) {
            return;
        }
        em.createNativeQuery(DUE_NOW).setParameter("id", drp.requestId).setParameter("now", Instant.now(clock))
                .executeUpdate();
    }

    /** Claims up to {@code max} due callbacks for one delivery round; others skip them until the lease ends. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Due> claim(int max) {
        Instant now = Instant.now(clock);
        List<?> ids = em.createNativeQuery(CLAIM).setParameter("now", now).setParameter("max", max).getResultList();
        // Long enough for the delivery to finish or time out before another replica may try the same row.
        Instant lease = now.plus(config.drp().callbacks().timeout().multipliedBy(3));
        return ids.stream().map(id -> {
            DrpCallback callback = DrpCallback.findById(id);
            callback.nextAttemptAt = lease;
            return new Due(callback.requestId, callback.generation, callback.attempts);
        }).toList();
    }

    /**
     * The agent has {@code fingerprint} (null: nothing needed sending). The row goes unless the request changed
     * again meanwhile, in which case it stays due.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void delivered(Due due, String fingerprint) {
        if (fingerprint != null) {
            DrpRequest drp = DrpRequest.findById(due.requestId());
            drp.deliveredState = fingerprint;
        }
        DrpCallback.delete("requestId = ?1 and generation = ?2", due.requestId(), due.generation());
    }

    /** A failed delivery: retried with a doubling wait, marked given up after the configured attempts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Due due, String error, boolean permanent) {
        DrpCallback callback = DrpCallback.findById(due.requestId());
        if (callback == null || callback.generation != due.generation()) {
            return; // changed meanwhile: the newer status is due now anyway
        }
        DsarConfig.Drp.Callbacks settings = config.drp().callbacks();
        int attempts = callback.attempts + 1;
        callback.attempts = attempts;
        callback.lastError = error.length() <= 500 ? error : error.substring(0, 500);
        if (permanent || attempts >= settings.maxAttempts()) {
            LOG.warnf("DRP status callback for request %s given up after %d attempt(s): %s", due.requestId(),
                    attempts, error);
            callback.givenUpAt = Instant.now(clock);
            return;
        }
        callback.nextAttemptAt = Instant.now(clock).plus(backoff(settings, attempts));
        LOG.infof("DRP status callback for request %s failed (attempt %d), retrying at %s: %s", due.requestId(),
                attempts, callback.nextAttemptAt, error);
    }

    static Duration backoff(DsarConfig.Drp.Callbacks settings, int attempts) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) < 0 ? wait : settings.maxBackoff();
    }
}
