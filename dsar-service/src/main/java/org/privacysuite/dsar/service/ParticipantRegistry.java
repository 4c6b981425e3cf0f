package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.outbox.Outbox;

/**
 * Which services take part in privacy requests: those that declared themselves on {@code privacy.participants},
 * minus those an officer retired. A retired service's pending answers are closed as {@code RETIRED} so that no
 * request waits for a service that no longer exists; the officer's name and the moment are audited on each request,
 * and the retirement is published under the service's key, where it outlives this database.
 */
@ApplicationScoped
public class ParticipantRegistry {

    private static final Logger LOG = Logger.getLogger(ParticipantRegistry.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /**
     * Records a declaration, or a retirement (this service's own, read back from the topic, or one replayed into a
     * rebuilt database). Whatever is older than what is known changes nothing: the compacted topic may be replayed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void declare(ParticipantDeclared declaration) {
        if (declaration.service() == null || !declaration.service().matches("[a-z0-9][a-z0-9-]{0,99}")
                || declaration.declaredAt() == null) {
            throw new IllegalArgumentException("A declaration needs a service name and a time: " + declaration);
        }
        DeclaredParticipant known = DeclaredParticipant.findById(declaration.service());
        if (known == null) {
            known = new DeclaredParticipant();
            known.service = declaration.service();
            known.declarationJson = json(declaration);
            known.declaredAt = Instant.EPOCH; // a retirement of a service this database never saw declared
        }
        if (declaration.isRetirement()) {
            if (known.retiredAt == null || declaration.declaredAt().isAfter(known.retiredAt)) {
                known.retiredAt = declaration.declaredAt();
                known.retiredBy = declaration.retiredBy();
            }
        } else if (declaration.declaredAt().isAfter(known.declaredAt)) {
            if (known.declaredAt.equals(Instant.EPOCH)) {
                LOG.infof("%s declared itself a privacy-request participant", declaration.service());
            }
            known.declarationJson = json(declaration);
            known.declaredAt = declaration.declaredAt();
        }
        known.persistAndFlush();
    }

    /** An officer says the service is gone: new sagas skip it, and requests waiting for it stop waiting. */
    @Transactional
    public DeclaredParticipant retire(String service, String officer) {
        DeclaredParticipant participant = DeclaredParticipant.findById(service);
        if (participant == null) {
            throw ProblemException.notFound("Participant " + service);
        }
        if (!participant.isActive()) {
            throw ProblemException.conflict("participant-retired", "Already retired",
                    service + " was retired on " + participant.retiredAt + " and has not declared itself since");
        }
        Instant now = clock.instant();
        // After the declaration it ends, even one stamped ahead of this clock (another service's clock may run fast).
        Instant retiredAt = now.isAfter(participant.declaredAt) ? now : participant.declaredAt.plusNanos(1000);
        participant.retiredAt = retiredAt;
        participant.retiredBy = officer;
        // On the topic too, in this transaction: a rebuilt database replaying privacy.participants keeps it retired.
        outbox.publish(ParticipantDeclared.retirement(service, retiredAt, officer));
        List<Participant> waiting = Participant.list("service = ?1 and (outcome is null or outcome in ?2)", service,
                List.of(Participant.DEFERRED, Participant.FAILED));
        for (Participant pending : waiting) {
            PrivacyRequest request = PrivacyRequest.findById(pending.requestId);
            if (!request.status.isOpen()) {
                continue;
            }
            pending.outcome = Participant.RETIRED;
            pending.reason = "retired by " + officer + ": the service no longer exists";
            pending.nextAskAt = null;
            pending.answeredAt = now;
            audit.note(request, officer, "participant-retired", service + " retired; no answer expected from it");
            saga.reconsider(request, now);
        }
        return participant;
    }

    private String json(ParticipantDeclared declaration) {
        try {
            return mapper.writeValueAsString(declaration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
