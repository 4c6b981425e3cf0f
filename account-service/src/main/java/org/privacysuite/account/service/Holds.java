package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.commons.problem.ProblemException;

/**
 * Obligations other systems register against an account (an order system's return window). A hold ends when it is
 * released or its end date passes; a pending closure completes when the last one ends.
 */
@ApplicationScoped
public class Holds {

    private static final Logger LOG = Logger.getLogger(Holds.class);

    @Inject
    AccountDirectory directory;

    @Inject
    AccountLocks locks;

    @Inject
    AccountLifecycle lifecycle;

    @Inject
    ErasureAnswers answers;

    @Inject
    AccountConfig config;

    @Inject
    Clock clock;

    /**
     * A hold ends in the future and at most {@code account.holds.max-duration} ahead: a far date (year 9999, a typo)
     * would keep an account from closing forever, and the database column and Instant arithmetic end somewhere too.
     */
    private void checkUntil(Instant until, Instant now) {
        if (!until.isAfter(now)) {
            throw ProblemException.invalid("until", "must be in the future");
        }
        if (until.isAfter(now.plus(config.holds().maxDuration()))) {
            throw ProblemException.invalid("until", "must be within " + config.holds().maxDuration().toDays()
                    + " days");
        }
    }

    public Hold register(String accountId, String reason, Instant until, String reference, String registeredBy) {
        checkUntil(until, Instant.now(clock)); // before anything is looked up or provisioned: a refusal changes nothing
        if (directory.find(accountId).isEmpty()) {
            directory.provision(accountId, null).orElseThrow(() -> ProblemException.notFound("The account"));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = locks.lock(accountId).orElseThrow(() -> ProblemException.notFound("The account"));
            if (account.status == AccountStatus.CLOSED) {
                throw ProblemException.conflict("account-closed", "Account closed",
                        "The account is closed; no obligation can keep it open any more");
            }
            Instant now = Instant.now(clock);
            Optional<Instant> expectedBefore = Hold.latestEnd(Hold.activeOf(accountId, now));
            Hold hold = new Hold();
            hold.id = UUID.randomUUID().toString();
            hold.accountId = accountId;
            hold.reason = reason;
            hold.until = until;
            hold.reference = reference;
            hold.createdAt = now;
            hold.createdBy = registeredBy;
            hold.persist();
            if (account.status == AccountStatus.CLOSURE_PENDING) {
                List<Hold> active = Hold.activeOf(accountId, now);
                if (account.closureCause == ClosureCause.USER_REQUEST
                        && expectedBefore.map(until::isAfter).orElse(true)) {
                    lifecycle.announcePending(account, active); // the expected closure date moved
                }
                answers.deferOpen(account, active);
            }
            return hold;
        });
    }

    /** Ends a hold; a pending closure that it was the last reason for completes now. Releasing twice is harmless. */
    public void release(String accountId, String holdId, String releasedBy) {
        boolean pending = QuarkusTransaction.requiringNew().call(() -> {
            Account account = locks.lock(accountId).orElseThrow(() -> ProblemException.notFound("The account"));
            Hold hold = Hold.<Hold>findByIdOptional(holdId).filter(h -> h.accountId.equals(accountId))
                    .orElseThrow(() -> ProblemException.notFound("The hold"));
            if (hold.releasedAt == null) {
                hold.releasedAt = Instant.now(clock);
                hold.releasedBy = releasedBy;
            }
            return account.status == AccountStatus.CLOSURE_PENDING;
        });
        if (pending) {
            try {
                lifecycle.process(accountId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Closing account %s after its last hold failed; the lifecycle job retries", accountId);
            }
        }
    }

    public List<Hold> of(String accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            directory.find(accountId).orElseThrow(() -> ProblemException.notFound("The account"));
            return Hold.allOf(accountId);
        });
    }
}
