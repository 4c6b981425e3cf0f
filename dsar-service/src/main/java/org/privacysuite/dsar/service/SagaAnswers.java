package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationOutcome;

/**
 * The participants' answers to a saga's commands: each is recorded on its participant row (what was erased, sent,
 * corrected or stopped, and why not), noted in the audit trail, and then {@link SagaCoordinator#reconsider} decides
 * where the request stands. A failure is asked again with backoff a bounded number of times; a late or repeated
 * answer changes nothing.
 */
@ApplicationScoped
public class SagaAnswers {

    private static final Logger LOG = Logger.getLogger(SagaAnswers.class);

    @Inject
    DsarConfig config;

    @Inject
    SagaCoordinator saga;

    @Inject
    AnswerAssembly assembly;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

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
    public void recordObjection(ObjectionCompleted answer) {
        Instant now = Instant.now(clock);
        Participant participant = answered(answer.requestId(), answer.service(), answer.outcome().name(),
                answer.reason(), now);
        if (participant == null) {
            return;
        }
        participant.recordsJson = json(answer.stopped());
        participant.nextAskAt = answer.outcome() == ObjectionOutcome.FAILED ? retryAfterFailure(participant, now) : null;
        StringBuilder summary = new StringBuilder(answer.outcome().name());
        if (answer.reason() != null) {
            summary.append(": ").append(answer.reason());
        }
        answer.stopped().forEach(s -> summary.append("; ").append(s.processing()).append(' ').append(s.action())
                .append(' ').append(s.count()));
        settle(participant, summary.toString());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAccess(AccessCompleted answer) {
        Participant participant = participantFor(answer.requestId(), answer.service());
        if (participant == null) {
            return;
        }
        if (answer.whole()) {
            participant.dataEncrypted = assembly.seal(answer.data());
        } else if (!assembly.add(participant, answer)) {
            return; // more parts to come
        }
        participant.outcome = Participant.ANSWERED;
        participant.answeredAt = Instant.now(clock);
        participant.nextAskAt = null;
        settle(participant, answer.whole() ? "sent its data" : "sent its data in " + answer.parts() + " parts");
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
        saga.reconsider(request, Instant.now(clock));
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
