package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.AppUsageEvent;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ErasureWork;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.domain.StatusChange;
import org.privacysuite.account.domain.UsageWithdrawal;
import org.privacysuite.account.identity.IdentityUnavailableException;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.events.catalogue.AccountClosed;
import org.privacysuite.events.catalogue.AccountClosurePending;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.HoldSummary;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.outbox.Outbox;

/**
 * Closing an account, in two steps that can each be repeated safely (the lifecycle job repeats whatever did not
 * finish):
 * <ol>
 * <li><b>close</b>: under the account's row lock, if no hold is active, disable the Keycloak user (sign-in stops at
 * once) and mark the account CLOSED, in one transaction; if that transaction does not commit, the user is enabled
 * again. With active holds the account stays CLOSURE_PENDING.</li>
 * <li><b>finish</b>: in one transaction remove the data per {@link ErasureRules}: an owner's closure leaves a
 * tombstone and writes {@code account.closed.v1} (dsar-service then erases the subject everywhere); open erasure
 * requests delete the Keycloak user first, then everything here, and get their final answer.</li>
 * </ol>
 * An owner's closure keeps the disabled Keycloak user (no sign-in, no session) until the erasure request it starts:
 * dsar-service asks for the account's verified e-mail at the start of that request ({@code POST
 * /api/accounts/identities}) to reach what the person holds elsewhere under that address (a newsletter subscription).
 * Deleted at closure, the address would be gone by then. If no erasure comes, the user is deleted after
 * {@code account.closure.identity-retention}.
 */
@ApplicationScoped
public class AccountLifecycle {

    private static final Logger LOG = Logger.getLogger(AccountLifecycle.class);

    public enum Step {
        NOT_FOUND,
        ACTIVE,
        PENDING,
        CLOSED
    }

    @Inject
    AccountLocks locks;

    @Inject
    KeycloakAccounts keycloak;

    @Inject
    Outbox outbox;

    @Inject
    ErasureAnswers answers;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AccountConfig config;

    @Inject
    Clock clock;

    /** The owner asks to close: closes now, or waits for the holds (announcing it with {@code account.closure-pending.v1}). */
    public Step requestClosure(String accountId) {
        Step step = QuarkusTransaction.requiringNew().call(() -> {
            Account account = locks.lock(accountId).orElseThrow(() -> ProblemException.notFound("The account"));
            if (account.status == AccountStatus.CLOSED) {
                throw AccountDirectory.closed();
            }
            boolean newly = account.status == AccountStatus.ACTIVE;
            if (newly) {
                Instant now = Instant.now(clock);
                account.status = AccountStatus.CLOSURE_PENDING;
                account.closureCause = ClosureCause.USER_REQUEST;
                account.closureRequestedAt = now;
                account.updatedAt = now;
                StatusChange.record(accountId, AccountStatus.CLOSURE_PENDING, StatusChange.Cause.CLOSURE_REQUESTED, now);
            }
            return advanceLocked(account, newly);
        });
        if (step == Step.CLOSED) {
            finish(accountId);
        }
        return step;
    }

    /** Closes and finishes the account if it is due; safe to call at any time, from any replica. */
    public Step process(String accountId) {
        Step step;
        try {
            step = QuarkusTransaction.requiringNew().call(
                    () -> locks.lock(accountId).map(a -> advanceLocked(a, false)).orElse(Step.NOT_FOUND));
        } catch (IdentityUnavailableException e) {
            LOG.warnf("Closing account %s waits for the identity provider: %s", accountId, e.getMessage());
            return Step.PENDING;
        }
        if (step == Step.CLOSED) {
            finish(accountId);
        }
        return step;
    }

    /** Under the row lock: close if no hold is active and a closure is pending; otherwise say what holds it. */
    Step advanceLocked(Account account, boolean newlyRequested) {
        if (account.status == AccountStatus.CLOSED) {
            return Step.CLOSED;
        }
        if (account.status == AccountStatus.ACTIVE) {
            return Step.ACTIVE;
        }
        Instant now = Instant.now(clock);
        List<Hold> active = Hold.activeOf(account.id, now);
        if (!active.isEmpty()) {
            if (newlyRequested && account.closureCause == ClosureCause.USER_REQUEST) {
                announcePending(account, active);
            }
            answers.deferOpen(account, active);
            return Step.PENDING;
        }
        boolean existed = keycloak.disable(account.id);
        if (existed) {
            enableAgainUnlessCommitted(account.id);
        }
        account.status = AccountStatus.CLOSED;
        account.closedAt = now;
        account.updatedAt = now;
        if (!existed) {
            account.identityDeletedAt = now; // nothing left to delete in Keycloak
        }
        StatusChange.record(account.id, AccountStatus.CLOSED, StatusChange.Cause.CLOSED, now);
        return Step.CLOSED;
    }

    void announcePending(Account account, List<Hold> active) {
        outbox.publish(new AccountClosurePending(account.id, active.stream().map(Hold::summary).toList(),
                Hold.latestEnd(active).orElse(null)));
    }

    /**
     * Second step for a CLOSED account: deletes the Keycloak user when it is due ({@link #identityDue}), then removes
     * the data. False when the identity provider could not be reached (the job retries).
     */
    public boolean finish(String accountId) {
        Boolean deleteIdentity = QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findById(accountId);
            return account == null || account.status != AccountStatus.CLOSED ? null
                    : account.identityDeletedAt == null && identityDue(account);
        });
        if (deleteIdentity == null) {
            return false;
        }
        if (deleteIdentity) {
            try {
                keycloak.delete(accountId);
            } catch (IdentityUnavailableException e) {
                LOG.warnf("Deleting the Keycloak user of closed account %s failed; retried later: %s", accountId,
                        e.getMessage());
                return false;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> locks.lock(accountId)
                .ifPresent(account -> completeLocked(account, deleteIdentity)));
        return true;
    }

    /**
     * Whether the Keycloak user of this closed account goes now: at once for a closure by erasure; for the owner's
     * closure when its erasure request has come (or another one), or when it has waited too long for one.
     */
    boolean identityDue(Account account) {
        return account.closureCause != ClosureCause.USER_REQUEST || ErasureWork.hasOpen(account.id)
                || account.closedAt == null
                || !account.closedAt.plus(config.closure().identityRetention()).isAfter(Instant.now(clock));
    }

    /** @param identityDeletedNow whether {@link #finish} deleted the Keycloak user just before this transaction */
    private void completeLocked(Account account, boolean identityDeletedNow) {
        if (account.status != AccountStatus.CLOSED) {
            return;
        }
        Instant now = Instant.now(clock);
        if (identityDeletedNow && account.identityDeletedAt == null) {
            account.identityDeletedAt = now;
        }
        if (account.dataRemovedAt == null && account.closureCause == ClosureCause.USER_REQUEST) {
            List<HoldSummary> holds = Hold.allOf(account.id).stream().map(Hold::summary).toList();
            outbox.publish(new AccountClosed(account.id, holds, account.closedAt));
        }
        List<ErasureWork> open = ErasureWork.openOf(account.id);
        if (open.isEmpty()) {
            if (account.dataRemovedAt == null) {
                account.anonymise();
                AppUsageEvent.deleteOf(account.id);
                UsageWithdrawal.delete("accountId", account.id);
                Hold.delete("accountId", account.id);
                account.dataRemovedAt = now;
                account.updatedAt = now;
            }
            return;
        }
        if (account.identityDeletedAt == null) {
            // An erasure request came after finish() looked: it deletes the Keycloak user first. The finish() its
            // intake runs after commit (or the job's next round) does that and then answers.
            return;
        }
        List<RecordTypeResult> erased = new ArrayList<>();
        erased.add(new RecordTypeResult(ErasureRules.APP_USAGE, ErasureAction.DELETE, AppUsageEvent.deleteOf(account.id)));
        erased.add(new RecordTypeResult(ErasureRules.APP_USAGE_WITHDRAWAL, ErasureAction.DELETE,
                UsageWithdrawal.delete("accountId", account.id)));
        erased.add(new RecordTypeResult(ErasureRules.HOLD, ErasureAction.DELETE, Hold.delete("accountId", account.id)));
        erased.add(new RecordTypeResult(ErasureRules.STATUS_HISTORY, ErasureAction.DELETE,
                StatusChange.delete("accountId", account.id)));
        account.delete();
        erased.add(new RecordTypeResult(ErasureRules.ACCOUNT_PROFILE, ErasureAction.DELETE, 1));
        for (ErasureWork work : open) {
            // The Keycloak user counts for the requests it was deleted for (not for one that finds a tombstone).
            List<RecordTypeResult> records = new ArrayList<>(erased);
            records.add(0, new RecordTypeResult(ErasureRules.KEYCLOAK_USER, ErasureAction.DELETE,
                    identityDeletedNow ? 1 : 0));
            answers.complete(work, records, List.of());
        }
    }

    /** If the transaction that closes the account rolls back, the user may sign in again as before. */
    private void enableAgainUnlessCommitted(String accountId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        keycloak.enable(accountId);
                    } catch (RuntimeException e) {
                        LOG.errorf("Closing account %s failed and its Keycloak user could not be enabled again: %s",
                                accountId, e.getMessage());
                    }
                }
            }
        });
    }
}
