package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ErasureWork;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.domain.StatusChange;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RecordTypeResult;

/**
 * Takes an erasure request of dsar-service in. An erasure marks the account for closure by erasure: with active
 * holds it is answered DEFERRED at once; the final answer comes from {@link AccountLifecycle} when the account is
 * erased (right away, or when the last hold ends). A subject without a row here is looked up in Keycloak (by id,
 * then by the request's emails) off the consumer thread. Objections are not erasures: they come as
 * {@code privacy.objection.requested.v1} ({@code AccountParticipant}).
 */
@ApplicationScoped
public class ErasureIntake {

    @Inject
    AccountLocks locks;

    @Inject
    ErasureAnswers answers;

    @Inject
    AccountLifecycle lifecycle;

    @Inject
    AccountDirectory directory;

    @Inject
    KeycloakAccounts keycloak;

    @Inject
    AfterCommit afterCommit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(ErasureRequested request) {
        String requestId = request.requestId().toString();
        ErasureWork known = ErasureWork.findById(requestId);
        if (known != null) {
            askedAgain(known);
            return;
        }
        ErasureWork work = new ErasureWork();
        work.requestId = requestId;
        work.subjectId = request.subjectId();
        work.status = ErasureWork.Status.PENDING;
        work.receivedAt = Instant.now(clock);
        List<String> emails = request.identities() == null ? List.of() : request.identities().emails();
        work.identityEmails = emails.isEmpty() ? null
                : emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
        work.persist();

        if (request.mode() != null && request.mode() != ErasureMode.FULL) {
            // An older dsar-service sent objections as erasures of another mode; one still in flight must not be
            // read as a full erasure, which would delete an account whose owner only objected to marketing.
            answers.refuse(work, "Erasure mode " + request.mode() + " is not carried out: account-service erases "
                    + "fully or not at all; an objection is answered as privacy.objection.requested.v1");
            return;
        }
        Optional<Account> account = locks.lock(request.subjectId());
        if (account.isPresent()) {
            attachLocked(work, account.get());
        } else {
            afterCommit.run("Resolving erasure request " + requestId, () -> resolve(requestId));
        }
    }

    private void askedAgain(ErasureWork work) {
        Optional<Account> account = work.accountId == null ? Optional.empty() : locks.lock(work.accountId);
        List<Hold> active = account.map(a -> Hold.activeOf(a.id, Instant.now(clock))).orElse(List.of());
        answers.resend(work, active);
        if (work.status != ErasureWork.Status.COMPLETED) {
            // Not done yet: try now rather than at the next round of the job.
            String requestId = work.requestId;
            account.ifPresentOrElse(a -> afterCommit.run("Erasing account " + a.id, () -> lifecycle.process(a.id)),
                    () -> afterCommit.run("Resolving erasure request " + requestId, () -> resolve(requestId)));
        }
    }

    /** Finds the account of a request that named none this service knows; NOTHING_FOUND if Keycloak has none either. */
    public void resolve(String requestId) {
        ErasureWork pending = QuarkusTransaction.requiringNew().call(() -> ErasureWork.<ErasureWork>findById(requestId));
        if (pending == null || pending.accountId != null || pending.status != ErasureWork.Status.PENDING) {
            return;
        }
        Optional<IdentityUser> user = keycloak.findSubject(pending.subjectId);
        for (String email : pending.emails()) {
            if (user.isPresent()) {
                break;
            }
            user = keycloak.findByVerifiedEmail(email); // an unverified address is only what someone typed
        }
        if (user.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                ErasureWork work = lockWork(requestId);
                if (work != null && work.accountId == null && work.status == ErasureWork.Status.PENDING) {
                    answers.complete(work, nothing(), List.of());
                }
            });
            return;
        }
        String accountId = user.get().id();
        if (directory.find(accountId).isEmpty()) {
            directory.provision(accountId, ClosureCause.ERASURE_REQUEST);
        }
        QuarkusTransaction.requiringNew().run(() -> locks.lock(accountId).ifPresent(account -> {
            ErasureWork work = lockWork(requestId);
            if (work != null && work.accountId == null && work.status == ErasureWork.Status.PENDING) {
                attachLocked(work, account);
            }
        }));
    }

    /** The account's row is locked by the caller. */
    private void attachLocked(ErasureWork work, Account account) {
        work.accountId = account.id;
        if (account.status == AccountStatus.ACTIVE) {
            Instant now = Instant.now(clock);
            account.status = AccountStatus.CLOSURE_PENDING;
            account.closureCause = ClosureCause.ERASURE_REQUEST;
            account.closureRequestedAt = now;
            account.updatedAt = now;
            StatusChange.record(account.id, AccountStatus.CLOSURE_PENDING, StatusChange.Cause.ERASURE_REQUESTED, now);
        }
        if (account.status == AccountStatus.CLOSURE_PENDING) {
            List<Hold> active = Hold.activeOf(account.id, Instant.now(clock));
            if (!active.isEmpty()) {
                answers.deferOpen(account, active);
            }
        }
        String accountId = account.id;
        afterCommit.run("Erasing account " + accountId, () -> lifecycle.process(accountId));
    }

    private ErasureWork lockWork(String requestId) {
        boolean exists = !em.createNativeQuery("SELECT request_id FROM erasure_request WHERE request_id = :id FOR UPDATE")
                .setParameter("id", requestId).getResultList().isEmpty();
        if (!exists) {
            return null;
        }
        ErasureWork work = em.find(ErasureWork.class, requestId);
        em.refresh(work);
        return work;
    }

    private static List<RecordTypeResult> nothing() {
        return List.of(
                new RecordTypeResult(ErasureRules.KEYCLOAK_USER, ErasureAction.DELETE, 0),
                new RecordTypeResult(ErasureRules.ACCOUNT_PROFILE, ErasureAction.DELETE, 0),
                new RecordTypeResult(ErasureRules.STATUS_HISTORY, ErasureAction.DELETE, 0),
                new RecordTypeResult(ErasureRules.HOLD, ErasureAction.DELETE, 0),
                new RecordTypeResult(ErasureRules.APP_USAGE, ErasureAction.DELETE, 0),
                new RecordTypeResult(ErasureRules.APP_USAGE_WITHDRAWAL, ErasureAction.DELETE, 0));
    }
}
