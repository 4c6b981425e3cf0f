package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ErasureWork;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.domain.StatusChange;
import org.privacysuite.commons.problem.ProblemException;

/** The owner's closure button and its cancellation. */
@ApplicationScoped
public class Closures {

    @Inject
    AccountDirectory directory;

    @Inject
    AccountLocks locks;

    @Inject
    AccountLifecycle lifecycle;

    @Inject
    Clock clock;

    /** Where a closure stands: the active holds and the expected closure date while pending. */
    public record View(AccountStatus status, List<Hold> holds, Instant expectedClosureAt, Instant closedAt) {
    }

    public View request(String accountId) {
        directory.open(accountId);
        lifecycle.requestClosure(accountId);
        return view(accountId);
    }

    public View cancel(String accountId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = locks.lock(accountId).filter(Account::isOpen)
                    .orElseThrow(() -> ProblemException.notFound("The account"));
            if (account.status != AccountStatus.CLOSURE_PENDING) {
                throw ProblemException.conflict("no-pending-closure", "No pending closure",
                        "The account has no pending closure to cancel");
            }
            if (account.closureCause == ClosureCause.ERASURE_REQUEST || ErasureWork.hasOpen(accountId)) {
                throw ProblemException.conflict("erasure-in-progress", "Erasure in progress",
                        "The account is being erased on a privacy request; only the privacy office can stop that");
            }
            Instant now = Instant.now(clock);
            account.status = AccountStatus.ACTIVE;
            account.closureCause = null;
            account.closureRequestedAt = null;
            account.updatedAt = now;
            StatusChange.record(accountId, AccountStatus.ACTIVE, StatusChange.Cause.CLOSURE_CANCELLED, now);
        });
        return view(accountId);
    }

    public View view(String accountId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.<Account>findByIdOptional(accountId)
                    .orElseThrow(() -> ProblemException.notFound("The account"));
            return view(account, Instant.now(clock));
        });
    }

    static View view(Account account, Instant now) {
        if (account.status == AccountStatus.CLOSED) {
            return new View(AccountStatus.CLOSED, List.of(), null, account.closedAt);
        }
        List<Hold> active = Hold.activeOf(account.id, now);
        Instant expected = account.status == AccountStatus.CLOSURE_PENDING ? Hold.latestEnd(active).orElse(null) : null;
        return new View(account.status, active, expected, null);
    }
}
