package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ErasureWork;

/**
 * The periodic job ({@code account.lifecycle.every}): closes pending accounts whose last hold ended or expired,
 * finishes closures and erasures that are not done (a Keycloak deletion that failed), and finds the accounts of
 * erasure requests for subjects this service has no row for yet. One replica runs a round at a time ({@link JobLease}).
 */
@ApplicationScoped
public class LifecycleJob {

    private static final Logger LOG = Logger.getLogger(LifecycleJob.class);
    static final String LEASE = "lifecycle";

    @Inject
    JobLease lease;

    @Inject
    AccountLifecycle lifecycle;

    @Inject
    ErasureIntake intake;

    @Inject
    AccountConfig config;

    @Inject
    Clock clock;

    /** What a round did; {@code ran} is false when another replica held the lease. */
    public record Round(boolean ran, int closed, int finished, int resolved) {
        static Round skipped() {
            return new Round(false, 0, 0, 0);
        }
    }

    @Scheduled(identity = "account-lifecycle", every = "${account.lifecycle.every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Round round = runOnce();
        if (round.ran() && round.closed() + round.finished() + round.resolved() > 0) {
            LOG.infof("Lifecycle round: %d closed, %d finished, %d erasure requests resolved", round.closed(),
                    round.finished(), round.resolved());
        }
    }

    /** One round, if this replica gets the lease. */
    public Round runOnce() {
        return lease.tryRun(LEASE, this::round).orElseGet(Round::skipped);
    }

    private Round round() {
        int resolved = 0;
        for (String requestId : unresolvedErasures()) {
            try {
                intake.resolve(requestId);
                resolved++;
            } catch (RuntimeException e) {
                LOG.warnf("Erasure request %s not resolved yet: %s", requestId, e.getMessage());
            }
        }
        int closed = 0;
        for (String id : dueForClosure()) {
            if (safely(() -> lifecycle.process(id) == AccountLifecycle.Step.CLOSED, id)) {
                closed++;
            }
        }
        int finished = 0;
        for (String id : closedUnfinished()) {
            if (safely(() -> lifecycle.finish(id), id)) {
                finished++;
            }
        }
        return new Round(true, closed, finished, resolved);
    }

    private boolean safely(java.util.function.BooleanSupplier step, String accountId) {
        try {
            return step.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Lifecycle step for account %s failed; retried next round", accountId);
            return false;
        }
    }

    private List<String> unresolvedErasures() {
        return QuarkusTransaction.requiringNew().call(() -> ErasureWork.unresolved(config.lifecycle().batchSize())
                .stream().map(w -> w.requestId).toList());
    }

    /** Pending closures without an active hold (released, or past its end date). */
    private List<String> dueForClosure() {
        Instant now = Instant.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> Account.getEntityManager().createQuery(
                "select a.id from Account a where a.status = ?1 and not exists (select 1 from Hold h"
                        + " where h.accountId = a.id and h.releasedAt is null and h.until > ?2) order by a.closureRequestedAt",
                String.class).setParameter(1, AccountStatus.CLOSURE_PENDING).setParameter(2, now)
                .setMaxResults(config.lifecycle().batchSize()).getResultList());
    }

    /**
     * Closed accounts whose data removal did not happen, that have open erasure requests, or whose Keycloak user is
     * due for deletion and still there (a failed deletion; an owner's closure whose erasure request never came).
     */
    private List<String> closedUnfinished() {
        Instant ownerClosedBefore = Instant.now(clock).minus(config.closure().identityRetention());
        return QuarkusTransaction.requiringNew().call(() -> Account.getEntityManager().createQuery(
                "select a.id from Account a where a.status = ?1 and (a.dataRemovedAt is null"
                        + " or exists (select 1 from ErasureWork w where w.accountId = a.id and w.status <> ?2)"
                        + " or a.identityDeletedAt is null and (a.closureCause is null or a.closureCause <> ?3 or a.closedAt <= ?4))",
                String.class).setParameter(1, AccountStatus.CLOSED).setParameter(2, ErasureWork.Status.COMPLETED)
                .setParameter(3, ClosureCause.USER_REQUEST).setParameter(4, ownerClosedBefore)
                .setMaxResults(config.lifecycle().batchSize()).getResultList());
    }
}
