package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationOutcome;

/**
 * The erasure and access sagas: one command to all participants through the outbox, one row per participant for its
 * answer, and what each answer leads to. A request is fulfilled only when every participant has given a final answer;
 * a failure is asked again a bounded number of times and then stalls the request with its reason; a deferral without
 * a date is flagged. Re-asking is {@link ParticipantReasks}' job. The request never completes silently.
 */
@ApplicationScoped
public class SagaCoordinator {

    private static final Logger LOG = Logger.getLogger(SagaCoordinator.class);

    @Inject
    DsarConfig config;

    @Inject
    SagaCommands commands;

    @Inject
    AuditTrail audit;

    @Inject
    ExportLinks exportLinks;

    @Inject
    ExportVault vault;

    @Inject
    ObjectMapper mapper;

    @Inject
    Rectifications rectifications;


    @Inject
    Clock clock;

    /**
     * Asks every participant that declared itself and is not retired (for a rectification: those that declared one
     * of its fields rectifiable); the request is then IN_PROGRESS. With none declared yet (a first deployment whose
     * services have not started) it stalls rather than being fulfilled by nobody.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(PrivacyRequest request, String actor) {
        Instant now = Instant.now(clock);
        List<String> services = request.type.correctsData() ? List.copyOf(rectifications.byOwner(request).keySet())
                : DeclaredParticipant.activeServices();
        if (services.isEmpty()) {
            audit.transition(request, RequestStatus.IN_PROGRESS, actor, "saga-started", "no participant declared");
            stall(request, "no service has declared itself a participant on privacy.participants: nobody to ask");
            return;
        }
        for (String service : services) {
            Participant participant = new Participant();
            participant.requestId = request.id;
            participant.service = service;
            participant.askedAt = now;
            participant.asks = 1;
            participant.nextAskAt = now.plus(config.saga().answerTimeout());
            participant.persist();
        }
        commands.ask(request, List.of());
        audit.transition(request, RequestStatus.IN_PROGRESS, actor, "saga-started",
                "asked " + String.join(", ", services));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordErasure(ErasureCompleted answer) {
        Instant now = Instant.now(clock);
        Participant participant = answered(answer.requestId(), answer.service(), answer.outcome().name(),
                answer.reason(), now);
        if (participant == null) {
            return;
        }
        participant.deferredUntil = answer.deferredUntil();
        participant.recordsJson = json(answer.records());
        participant.retainedJson = json(answer.retained());
        participant.nextAskAt = switch (answer.outcome()) {
            // A deferral is a promise of a final answer by its date; silence after it is re-asked like any other. One
            // without a date promises nothing: it is flagged and asked again after the usual answer timeout.
            case DEFERRED -> (answer.deferredUntil() != null ? answer.deferredUntil() : now)
                    .plus(config.saga().answerTimeout());
            case FAILED -> retryAfterFailure(participant, now);
            default -> null;
        };
        settle(participant, summary(answer));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRectification(RectificationCompleted answer) {
        Instant now = Instant.now(clock);
        Participant participant = answered(answer.requestId(), answer.service(), answer.outcome().name(),
                answer.reason(), now);
        if (participant == null) {
            return;
        }
        participant.fieldsJson = json(answer.fields());
        participant.nextAskAt = answer.outcome() == RectificationOutcome.FAILED
                ? retryAfterFailure(participant, now) : null;
        StringBuilder summary = new StringBuilder(answer.outcome().name());
        if (answer.reason() != null) {
            summary.append(": ").append(answer.reason());
        }
        answer.fields().forEach(f -> summary.append("; ").append(f.field()).append(' ').append(f.outcome())
                .append(f.reason() == null ? "" : " (" + f.reason() + ")"));
        settle(participant, summary.toString());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAccess(AccessCompleted answer) {
        Participant participant = participantFor(answer.requestId(), answer.service());
        if (participant == null) {
            return;
        }
        participant.outcome = Participant.ANSWERED;
        participant.dataEncrypted = vault.encrypt(json(answer.data()).getBytes(StandardCharsets.UTF_8));
        participant.answeredAt = Instant.now(clock);
        participant.nextAskAt = null;
        settle(participant, "sent its data");
    }

    /** The participant with the answer's outcome and reason recorded; null when the answer changes nothing. */
    private Participant answered(UUID requestId, String service, String outcome, String reason, Instant now) {
        Participant participant = participantFor(requestId, service);
        if (participant != null) {
            participant.outcome = outcome;
            participant.reason = reason;
            participant.answeredAt = now;
        }
        return participant;
    }

    /** A failure may pass (a database restart): asked again with backoff, a bounded number of times, then null. */
    private Instant retryAfterFailure(Participant participant, Instant now) {
        return ++participant.failures <= config.saga().failedRetries()
                ? now.plus(ParticipantReasks.backoff(config, participant.failures - 1)) : null;
    }

    private Participant participantFor(UUID requestId, String service) {
        PrivacyRequest request = PrivacyRequest.findById(requestId.toString());
        if (request == null) {
            LOG.warnf("Answer from %s for unknown request %s ignored", service, requestId);
            return null;
        }
        Participant participant = Participant.findById(new Participant.Key(request.id, service));
        boolean running = request.status == RequestStatus.IN_PROGRESS || request.status == RequestStatus.STALLED;
        if (participant == null && running) {
            // A service that was not declared when the saga started (new, or its declaration still on the way)
            // answered: it holds data too, so its answer is kept rather than dropped.
            LOG.infof("%s answered request %s without being a declared participant; recorded", service, requestId);
            participant = new Participant();
            participant.requestId = request.id;
            participant.service = service;
            participant.askedAt = request.verifiedAt != null ? request.verifiedAt : request.receivedAt;
            participant.asks = 1;
            participant.persist();
        }
        if (participant == null) {
            LOG.warnf("Answer from %s for request %s (%s, not running) ignored", service, requestId, request.status);
            return null;
        }
        if (participant.isFinal()) {
            return null; // a late or repeated answer (after a re-ask) changes nothing
        }
        return participant;
    }

    private void settle(Participant participant, String summary) {
        PrivacyRequest request = PrivacyRequest.findById(participant.requestId);
        audit.note(request, "service:" + participant.service, "participant-answered", participant.service + " " + summary);
        reconsider(request, Instant.now(clock));
    }

    /**
     * Where the request stands after a participant's answer or an officer's re-ask: FULFILLED when every participant
     * gave a final answer; STALLED, naming why, while a participant failed for good or deferred without a date; back
     * IN_PROGRESS when nothing is wrong any more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reconsider(PrivacyRequest request, Instant now) {
        if (!request.status.isOpen()) {
            return;
        }
        List<Participant> all = Participant.of(request.id);
        List<String> problems = new ArrayList<>();
        all.stream().filter(Participant::failedForGood)
                .forEach(p -> problems.add(p.service + " failed (" + p.reason + ")"));
        all.stream().filter(Participant::deferredWithoutDate)
                .forEach(p -> problems.add(p.service + " deferred without a date"));
        if (all.stream().allMatch(Participant::isFinal)) {
            request.fulfilledAt = now;
            request.stalledReason = null;
            request.exportDataHeld = request.type.collectsData(); // deleted by DsarJobs after the retention
            audit.transition(request, RequestStatus.FULFILLED, AuditTrail.SYSTEM, "fulfilled",
                    "every participant answered");
            if (request.type.collectsData() && request.subjectId == null && request.provenEmail().isPresent()) {
                exportLinks.mailTo(request); // no account to sign in with: the link goes to the verified address
            }
            if (request.type.correctsData()) {
                rectifications.tellRequester(request, all);
            }
        } else if (!problems.isEmpty()) {
            stall(request, String.join("; ", problems));
        } else if (request.status == RequestStatus.STALLED && ParticipantReasks.exhausted(all, config).isEmpty()) {
            request.stalledReason = null;
            audit.transition(request, RequestStatus.IN_PROGRESS, AuditTrail.SYSTEM, "resumed",
                    "the participants it waited for answered or were asked again");
        }
    }

    /** Flags the request to officers with the reason; a new reason on a stalled request is noted, not repeated. */
    void stall(PrivacyRequest request, String reason) {
        if (reason.equals(request.stalledReason) && request.status == RequestStatus.STALLED) {
            return;
        }
        request.stalledReason = reason;
        if (request.status == RequestStatus.STALLED) {
            audit.note(request, AuditTrail.SYSTEM, "stalled", reason);
        } else {
            audit.transition(request, RequestStatus.STALLED, AuditTrail.SYSTEM, "stalled", reason);
        }
    }

    private String summary(ErasureCompleted answer) {
        StringBuilder text = new StringBuilder(answer.outcome().name());
        if (answer.deferredUntil() != null) {
            text.append(" until ").append(answer.deferredUntil());
        }
        if (answer.reason() != null) {
            text.append(": ").append(answer.reason());
        }
        answer.records().forEach(r -> text.append("; ").append(r.recordType()).append(' ')
                .append(r.action()).append(' ').append(r.count()));
        return text.toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
