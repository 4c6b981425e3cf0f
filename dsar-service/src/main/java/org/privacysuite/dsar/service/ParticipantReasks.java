package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;

/**
 * Asking participants again: the periodic job for those whose answer is overdue (silent, failed with retries left, or
 * past their deferral), with doubling intervals, and an officer's re-ask of one participant. A re-ask goes only to
 * the participants that have not answered, so those that did never export or erase again.
 *
 * <p>Race-free by construction: the job reads due rows, then claims each with a conditional UPDATE on the state it
 * read ({@code asks} unchanged, still unanswered, still due). An answer that commits between the read and the write
 * makes the claim match no row: the answer stands and that participant is not asked again. Only the ask columns are
 * written, never the answer's.
 */
@ApplicationScoped
public class ParticipantReasks {

    /** Participants of running requests whose next ask is due; uses {@code ix_participant_next_ask}. */
    private static final String DUE = "SELECT p.request_id, p.service, p.asks FROM request_participant p"
            + " JOIN privacy_request r ON r.id = p.request_id"
            + " WHERE p.next_ask_at <= :now AND (p.outcome IS NULL OR p.outcome IN ('DEFERRED', 'FAILED'))"
            + " AND r.status IN ('IN_PROGRESS', 'STALLED') ORDER BY p.next_ask_at LIMIT :limit";

    private static final String CLAIM = "UPDATE request_participant SET asks = asks + 1, asked_at = :now,"
            + " next_ask_at = :next WHERE request_id = :request AND service = :service AND asks = :asks"
            + " AND next_ask_at <= :now AND (outcome IS NULL OR outcome IN ('DEFERRED', 'FAILED'))";

    /** Rows handled per round; the rest wait for the next round (the job runs every {@code dsar.jobs.every}). */
    private static final int ROUND = 500;

    @Inject
    EntityManager em;

    @Inject
    DsarConfig config;

    @Inject
    SagaCommands commands;

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A participant due for another ask, as read. */
    public record Due(String requestId, String service, int asks) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int reaskOverdue(Instant now) {
        return reask(due(now), now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Due> due(Instant now) {
        List<?> rows = em.createNativeQuery(DUE).setParameter("now", now).setParameter("limit", ROUND).getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(r -> new Due((String) r[0], (String) r[1], ((Number) r[2]).intValue())).toList();
    }

    /**
     * Re-asks the participants read as due, each only if its row is still as read; after {@code max-asks} a silent
     * participant stalls its request, named (and it keeps being asked, at the longest interval). Returns the number
     * of requests whose participants were asked again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reask(List<Due> due, Instant now) {
        Map<String, List<String>> claimed = new LinkedHashMap<>();
        for (Due participant : due) {
            int exponent = Math.min(participant.asks(), config.saga().maxAsks() - 1);
            int rows = em.createNativeQuery(CLAIM).setParameter("now", now)
                    .setParameter("next", now.plus(backoff(config, exponent)))
                    .setParameter("request", participant.requestId()).setParameter("service", participant.service())
                    .setParameter("asks", participant.asks()).executeUpdate();
            if (rows == 1) {
                claimed.computeIfAbsent(participant.requestId(), r -> new ArrayList<>()).add(participant.service());
            }
        }
        claimed.forEach((requestId, services) -> {
            PrivacyRequest request = PrivacyRequest.findById(requestId);
            commands.ask(request, services);
            audit.note(request, AuditTrail.SYSTEM, "participants-reasked", String.join(", ", services));
            List<String> exhausted = exhausted(Participant.of(requestId), config);
            if (!exhausted.isEmpty()) {
                saga.stall(request, "no answer from " + String.join(", ", exhausted) + " after "
                        + config.saga().maxAsks() + " asks");
            }
        });
        return claimed.size();
    }

    /**
     * An officer asks one participant again (audited): a fresh round of asks and retries for it alone, whatever it
     * answered before short of a final answer. The request resumes when nothing else holds it.
     */
    @Transactional
    public PrivacyRequest byOfficer(String requestId, String service, String officer) {
        PrivacyRequest request = OfficerActions.load(requestId);
        if (request.status != RequestStatus.IN_PROGRESS && request.status != RequestStatus.STALLED) {
            throw ProblemException.conflict("not-running", "Request not running",
                    "Participants are asked while a request is IN_PROGRESS or STALLED; this one is " + request.status);
        }
        Participant participant = Participant.findById(new Participant.Key(requestId, service));
        if (participant == null) {
            throw ProblemException.notFound("Participant " + service + " of request " + requestId);
        }
        if (participant.isFinal()) {
            throw ProblemException.conflict("already-answered", "Already answered",
                    service + " gave its final answer (" + participant.outcome + "); there is nothing to ask again.");
        }
        Instant now = Instant.now(clock);
        String before = participant.outcome == null ? "no answer" : participant.outcome;
        if ("FAILED".equals(participant.outcome)) {
            participant.outcome = null;
            participant.reason = null;
        }
        participant.asks = 1;
        participant.failures = 0;
        participant.askedAt = now;
        participant.nextAskAt = now.plus(config.saga().answerTimeout());
        commands.ask(request, List.of(service));
        audit.note(request, officer, "participant-reasked", service + " asked again by an officer (was: " + before + ")");
        saga.reconsider(request, now);
        return request;
    }

    /** Silent participants asked {@code max-asks} times without an answer. */
    static List<String> exhausted(List<Participant> participants, DsarConfig config) {
        return participants.stream()
                .filter(p -> !p.isFinal() && !"FAILED".equals(p.outcome) && p.asks > config.saga().maxAsks())
                .map(p -> p.service).toList();
    }

    static Duration backoff(DsarConfig config, int exponent) {
        return config.saga().answerTimeout().multipliedBy(1L << exponent);
    }
}
