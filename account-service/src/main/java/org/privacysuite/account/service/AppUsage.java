package org.privacysuite.account.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.AppUsageEvent;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.UsageWithdrawal;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consentclient.ConsentDecision;
import org.privacysuite.consentclient.ConsentGate;

/**
 * Usage data of the companion app, collected only with {@code app-usage-data} consent. Every event asks
 * consent-service (no cache), so collection stops the moment consent is withdrawn; a withdrawal announced on
 * {@code consent.events} deletes what was collected and guards against an answer that was already on its way: an
 * event is refused if the consent decision it was checked against is not newer than the last withdrawal seen.
 */
@ApplicationScoped
public class AppUsage {

    private static final Logger LOG = Logger.getLogger(AppUsage.class);

    @Inject
    ConsentGate consent;

    @Inject
    AccountDirectory directory;

    @Inject
    AccountLocks locks;

    @Inject
    AccountConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    public AppUsageEvent record(String accountId, String appliance, String program, Duration duration,
            Instant startedAt) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(config.appUsage().maxDuration()) > 0) {
            throw ProblemException.invalid("duration", "must be positive and at most " + config.appUsage().maxDuration());
        }
        Instant now = Instant.now(clock);
        if (startedAt != null && startedAt.isAfter(now.plusSeconds(300))) {
            throw ProblemException.invalid("startedAt", "must not be in the future");
        }
        Account account = directory.open(accountId);
        refuseIfErasing(account);
        String purpose = config.appUsage().purpose();
        ConsentDecision decision = consent.decide(accountId, purpose);
        if (!decision.allowed()) {
            registry.counter("account.app_usage.refused", "reason", String.valueOf(decision.reason())).increment();
            throw consentMissing(purpose, "consent-service says " + (decision.reason() != null ? decision.reason()
                    : "not granted"));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Account locked = locks.lock(accountId).filter(Account::isOpen)
                    .orElseThrow(() -> ProblemException.notFound("The account"));
            refuseIfErasing(locked);
            if (locked.appUsageWithdrawnAtMs != null && (decision.decidedAt() == null
                    || decision.decidedAt().toEpochMilli() <= locked.appUsageWithdrawnAtMs)) {
                registry.counter("account.app_usage.refused", "reason", "withdrawn").increment();
                throw consentMissing(purpose, "consent was withdrawn after the decision consent-service reported");
            }
            AppUsageEvent event = new AppUsageEvent();
            event.usageId = UUID.randomUUID().toString();
            event.accountId = accountId;
            event.appliance = appliance.strip();
            event.program = program.strip();
            event.durationSeconds = duration.toSeconds();
            event.startedAt = startedAt;
            event.receivedAt = now;
            event.consentNoticeVersion = decision.noticeVersion();
            event.persist();
            return event;
        });
    }

    public List<AppUsageEvent> list(String accountId, int limit) {
        directory.open(accountId);
        int bounded = Math.max(1, Math.min(limit, config.appUsage().maxListSize()));
        return QuarkusTransaction.joiningExisting().call(() -> AppUsageEvent.of(accountId, bounded));
    }

    /**
     * The declared rule for a withdrawal of app-usage-data consent: consent was the only basis, so everything
     * collected is deleted, and how much is recorded. Runs in the consumer's inbox transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long withdraw(String accountId, Instant withdrawnAt, String eventId) {
        Account account = locks.lock(accountId).orElse(null);
        if (account == null) {
            return 0; // no account here: nothing was ever collected
        }
        long at = withdrawnAt.toEpochMilli();
        account.appUsageWithdrawnAtMs = account.appUsageWithdrawnAtMs == null ? at
                : Math.max(account.appUsageWithdrawnAtMs, at);
        long deleted = AppUsageEvent.deleteOf(accountId);
        UsageWithdrawal record = new UsageWithdrawal();
        record.accountId = accountId;
        record.consentEventId = eventId;
        record.withdrawnAt = withdrawnAt;
        record.processedAt = Instant.now(clock);
        record.deletedCount = deleted;
        record.persist();
        registry.counter("account.app_usage.deleted_on_withdrawal").increment(deleted);
        LOG.infof("app-usage-data withdrawn for account %s: %d usage events deleted", accountId, deleted);
        return deleted;
    }

    private static void refuseIfErasing(Account account) {
        if (account.status == AccountStatus.CLOSURE_PENDING && account.closureCause == ClosureCause.ERASURE_REQUEST) {
            throw ProblemException.conflict("erasure-in-progress", "Erasure in progress",
                    "The account is being erased; no new data is collected");
        }
    }

    static ProblemException consentMissing(String purpose, String why) {
        return new ProblemException(403, "consent-missing", "Consent missing",
                "Consent for purpose " + purpose + " is required to store app usage data; " + why
                        + ". Nothing was stored.");
    }
}
