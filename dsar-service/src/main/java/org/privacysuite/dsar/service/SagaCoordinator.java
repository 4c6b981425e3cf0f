package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.outbox.Outbox;

/**
 * The erasure and access sagas: one command to all participants through the outbox, one row per participant for its
 * answer, re-asking the silent ones with backoff and flagging the request STALLED (naming them) when asking does not
 * help. A request is fulfilled only when every participant has given a final answer; it never completes silently.
 */
@ApplicationScoped
public class SagaCoordinator {

    private static final Logger LOG = Logger.getLogger(SagaCoordinator.class);

    @Inject
    DsarConfig config;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    ExportLinks exportLinks;

    @Inject
    ExportVault vault;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /** Asks every participant; the request is then IN_PROGRESS. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(PrivacyRequest request, String actor) {
        Instant now = Instant.now(clock);
        for (String service : config.participants()) {
            Participant participant = new Participant();
            participant.requestId = request.id;
            participant.service = service;
            participant.askedAt = now;
            participant.asks = 1;
            participant.nextAskAt = now.plus(config.saga().answerTimeout());
            participant.persist();
        }
        publishCommand(request);
        audit.transition(request, RequestStatus.IN_PROGRESS, actor, "saga-started",
                "asked " + String.join(", ", config.participants()));
    }

    private void publishCommand(PrivacyRequest request) {
        UUID id = UUID.fromString(request.id);
        // Only proven identities leave dsar-service (docs/identity.md); an unproven address never reaches this point.
        Identities identities = new Identities(request.provenEmail().stream().toList(), List.of());
        if (request.type.collectsData()) {
            outbox.publish(new AccessRequested(id, subjectKey(request), identities));
        } else {
            ErasureMode mode = request.type == RequestType.OBJECTION
                    ? ErasureMode.CONSENT_BASED_ONLY : ErasureMode.FULL;
            outbox.publish(new ErasureRequested(id, subjectKey(request), identities, mode));
        }
    }

    /** The subject id events are keyed by; a request by email only has no account, so its own id stands in. */
    public static String subjectKey(PrivacyRequest request) {
        return request.subjectId != null ? request.subjectId : "request:" + request.id;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordErasure(ErasureCompleted answer) {
        Participant participant = participantFor(answer.requestId(), answer.service());
        if (participant == null) {
            return;
        }
        participant.outcome = answer.outcome().name();
        participant.reason = answer.reason();
        participant.deferredUntil = answer.deferredUntil();
        participant.recordsJson = json(answer.records());
        participant.retainedJson = json(answer.retained());
        participant.answeredAt = Instant.now(clock);
        // A deferral is a promise of a final answer by then; silence after it is re-asked like any other.
        participant.nextAskAt = answer.outcome() == ErasureOutcome.DEFERRED && answer.deferredUntil() != null
                ? answer.deferredUntil().plus(config.saga().answerTimeout())
                : null;
        settle(participant, summary(answer));
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

    private Participant participantFor(UUID requestId, String service) {
        PrivacyRequest request = PrivacyRequest.findById(requestId.toString());
        if (request == null) {
            LOG.warnf("Answer from %s for unknown request %s ignored", service, requestId);
            return null;
        }
        Participant participant = Participant.findById(new Participant.Key(request.id, service));
        if (participant == null) {
            LOG.warnf("Answer from %s, which is not a participant of request %s, ignored", service, requestId);
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
        if (!request.status.isOpen()) {
            return;
        }
        List<Participant> all = Participant.of(request.id);
        List<String> failed = all.stream().filter(p -> ErasureOutcome.FAILED.name().equals(p.outcome))
                .map(p -> p.service + " (" + p.reason + ")").toList();
        if (!failed.isEmpty()) {
            request.stalledReason = "failed: " + String.join(", ", failed);
            audit.transition(request, RequestStatus.STALLED, AuditTrail.SYSTEM, "stalled", request.stalledReason);
        } else if (all.stream().allMatch(Participant::isFinal)) {
            request.fulfilledAt = Instant.now(clock);
            request.stalledReason = null;
            audit.transition(request, RequestStatus.FULFILLED, AuditTrail.SYSTEM, "fulfilled",
                    "every participant answered");
            if (request.type.collectsData() && request.subjectId == null && request.provenEmail().isPresent()) {
                exportLinks.mailTo(request); // no account to sign in with: the link goes to the verified address
            }
        } else if (request.status == RequestStatus.STALLED && silent(all, Instant.now(clock)).isEmpty()) {
            request.stalledReason = null;
            audit.transition(request, RequestStatus.IN_PROGRESS, AuditTrail.SYSTEM, "resumed",
                    "the participants it waited for answered");
        }
    }

    /**
     * Re-asks participants whose answer is overdue, with exponential backoff; after {@code max-asks} a request is
     * flagged STALLED with the silent participants named (and they keep being asked, at the longest interval).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reaskOverdue(Instant now) {
        List<Participant> overdue = Participant.list("outcome is null or outcome = 'DEFERRED'");
        Set<String> requests = new LinkedHashSet<>();
        overdue.stream().filter(p -> p.nextAskAt != null && !p.nextAskAt.isAfter(now))
                .forEach(p -> requests.add(p.requestId));
        int reasked = 0;
        for (String requestId : requests) {
            PrivacyRequest request = PrivacyRequest.findById(requestId);
            if (request == null || !request.status.isOpen()) {
                continue;
            }
            List<Participant> silent = silent(Participant.of(requestId), now);
            List<String> exhausted = new ArrayList<>();
            for (Participant participant : silent) {
                participant.asks++;
                participant.askedAt = now;
                int exponent = Math.min(participant.asks - 1, config.saga().maxAsks() - 1);
                participant.nextAskAt = now.plus(backoff(exponent));
                if (participant.asks > config.saga().maxAsks()) {
                    exhausted.add(participant.service);
                }
            }
            publishCommand(request);
            reasked++;
            List<String> names = silent.stream().map(p -> p.service).toList();
            audit.note(request, AuditTrail.SYSTEM, "participants-reasked", String.join(", ", names));
            if (!exhausted.isEmpty() && request.status != RequestStatus.STALLED) {
                request.stalledReason = "no answer from " + String.join(", ", exhausted) + " after "
                        + config.saga().maxAsks() + " asks";
                audit.transition(request, RequestStatus.STALLED, AuditTrail.SYSTEM, "stalled", request.stalledReason);
            }
        }
        return reasked;
    }

    private Duration backoff(int exponent) {
        return config.saga().answerTimeout().multipliedBy(1L << exponent);
    }

    private static List<Participant> silent(List<Participant> participants, Instant now) {
        return participants.stream()
                .filter(p -> !p.isFinal() && p.nextAskAt != null && !p.nextAskAt.isAfter(now))
                .toList();
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
