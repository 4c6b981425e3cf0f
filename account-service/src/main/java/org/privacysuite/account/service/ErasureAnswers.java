package org.privacysuite.account.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AppUsageEvent;
import org.privacysuite.account.domain.ErasureWork;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.domain.UsageWithdrawal;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.catalogue.RetainedItem;
import org.privacysuite.events.outbox.Outbox;

/**
 * Writes the answers to erasure requests through the outbox: at most one DEFERRED and one final answer per request,
 * each remembered on the request so that a request dsar-service sends again is answered the same way.
 */
@ApplicationScoped
public class ErasureAnswers {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /**
     * Answers DEFERRED for every request of the account that has no answer yet: consent-based data goes at once, the
     * rest waits for the holds. The account's row is locked by the caller.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deferOpen(Account account, List<Hold> active) {
        Instant until = Hold.latestEnd(active).orElseThrow();
        String reason = reasonFor(active);
        for (ErasureWork work : ErasureWork.openOf(account.id)) {
            if (work.status != ErasureWork.Status.PENDING) {
                continue;
            }
            List<RecordTypeResult> done = List.of(
                    new RecordTypeResult(ErasureRules.APP_USAGE, ErasureAction.DELETE, AppUsageEvent.deleteOf(account.id)),
                    new RecordTypeResult(ErasureRules.APP_USAGE_WITHDRAWAL, ErasureAction.DELETE,
                            UsageWithdrawal.delete("accountId", account.id)));
            List<RetainedItem> retained = List.of(
                    new RetainedItem(ErasureRules.KEYCLOAK_USER, ErasureRules.HOLD_BASIS, until),
                    new RetainedItem(ErasureRules.ACCOUNT_PROFILE, ErasureRules.HOLD_BASIS, until),
                    new RetainedItem(ErasureRules.STATUS_HISTORY, ErasureRules.HOLD_BASIS, until),
                    new RetainedItem(ErasureRules.HOLD, ErasureRules.HOLD_BASIS, until));
            work.status = ErasureWork.Status.DEFERRED;
            work.deferredUntil = until;
            work.deferredReason = reason;
            publish(work, new ErasureCompleted(java.util.UUID.fromString(work.requestId), work.subjectId,
                    ErasureRules.SERVICE, ErasureOutcome.DEFERRED, done, until, work.deferredReason, retained));
        }
    }

    /**
     * The final answer of a request: what this erasure did now plus what its DEFERRED answer already reported.
     * Completing anonymises the request's bookkeeping.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(ErasureWork work, List<RecordTypeResult> now, List<RetainedItem> retained) {
        List<RecordTypeResult> records = merge(earlier(work), now);
        boolean any = records.stream().anyMatch(r -> r.count() > 0);
        if (any) {
            records.add(new RecordTypeResult(ErasureRules.ERASURE_REQUEST, ErasureAction.ANONYMISE, 1));
        }
        String subject = work.subjectId;
        work.status = ErasureWork.Status.COMPLETED;
        work.completedAt = Instant.now(clock);
        work.subjectId = null;
        work.accountId = null;
        work.identityEmails = null;
        publish(work, new ErasureCompleted(java.util.UUID.fromString(work.requestId), subject, ErasureRules.SERVICE,
                any ? ErasureOutcome.ERASED : ErasureOutcome.NOTHING_FOUND, records, null, null, retained));
    }

    /**
     * A request this service does not carry out as asked: FAILED with the reason, nothing done, so that dsar-service
     * shows it to an officer instead of waiting. Asked again, it gets the same answer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refuse(ErasureWork work, String reason) {
        String subject = work.subjectId;
        work.status = ErasureWork.Status.COMPLETED;
        work.completedAt = Instant.now(clock);
        work.subjectId = null;
        work.identityEmails = null;
        publish(work, new ErasureCompleted(java.util.UUID.fromString(work.requestId), subject, ErasureRules.SERVICE,
                ErasureOutcome.FAILED, List.of(), null, reason, List.of()));
    }

    /**
     * The request came again (dsar-service re-asks a participant it has not heard from in time): a completed request
     * gets its final answer again; a deferred one a DEFERRED answer with the current expected date (holds may have
     * been added since). The account's row is locked by the caller when there is one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resend(ErasureWork work, List<Hold> active) {
        if (work.lastAnswer == null) {
            return;
        }
        ErasureCompleted last = read(work.lastAnswer);
        if (work.status == ErasureWork.Status.DEFERRED && !active.isEmpty()) {
            Instant until = Hold.latestEnd(active).orElseThrow();
            work.deferredUntil = until;
            work.deferredReason = reasonFor(active);
            publish(work, new ErasureCompleted(last.requestId(), last.subjectId(), last.service(),
                    ErasureOutcome.DEFERRED, last.records(), until, work.deferredReason,
                    last.retained().stream().map(r -> new RetainedItem(r.recordType(), r.legalBasis(), until)).toList()));
        } else {
            outbox.publish(last);
        }
    }

    private static String reasonFor(List<Hold> active) {
        Instant until = Hold.latestEnd(active).orElseThrow();
        String reason = "Open obligations keep the account until " + until + ": " + active.stream()
                .map(h -> h.reason + (h.reference != null ? " (" + h.reference + ")" : "") + " until " + h.until)
                .collect(Collectors.joining(", "));
        return reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason;
    }

    private void publish(ErasureWork work, ErasureCompleted answer) {
        outbox.publish(answer);
        try {
            work.lastAnswer = mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an erasure answer", e);
        }
    }

    private List<RecordTypeResult> earlier(ErasureWork work) {
        if (work.lastAnswer == null) {
            return List.of();
        }
        return read(work.lastAnswer).records();
    }

    private ErasureCompleted read(String json) {
        try {
            return mapper.readValue(json, ErasureCompleted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored erasure answer is unreadable", e);
        }
    }

    private static List<RecordTypeResult> merge(List<RecordTypeResult> a, List<RecordTypeResult> b) {
        Map<String, RecordTypeResult> merged = new LinkedHashMap<>();
        for (RecordTypeResult r : a) {
            merged.merge(r.recordType(), r, ErasureAnswers::sum);
        }
        for (RecordTypeResult r : b) {
            merged.merge(r.recordType(), r, ErasureAnswers::sum);
        }
        return new ArrayList<>(merged.values());
    }

    private static RecordTypeResult sum(RecordTypeResult x, RecordTypeResult y) {
        return new RecordTypeResult(x.recordType(), y.action(), x.count() + y.count());
    }
}
