package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.identity.IdentitiesUnavailable;
import org.privacysuite.dsar.identity.IdentityResolution;
import org.privacysuite.dsar.identity.ResolvedIdentities;
import org.privacysuite.dsar.notice.Notices;
import org.privacysuite.events.catalogue.RetainedItem;

/**
 * The sagas (access, erasure, rectification, objection): the request's identities resolved once, one command to all
 * participants through the outbox, one row per participant for its answer ({@link SagaAnswers}), and where the
 * request stands after each. A request is fulfilled only when every participant has given a final answer; a failure
 * is asked again a bounded number of times and then stalls the request with its reason; a deferral without a date is
 * flagged. Re-asking is {@link ParticipantReasks}' job. The request never completes silently.
 */
@ApplicationScoped
public class SagaCoordinator {

    private static final Logger LOG = Logger.getLogger(SagaCoordinator.class);
    static final String UNRESOLVED = "identities not resolved: ";

    @Inject
    DsarConfig config;

    @Inject
    SagaCommands commands;

    @Inject
    AuditTrail audit;

    @Inject
    ExportLinks exportLinks;

    @Inject
    Rectifications rectifications;

    @Inject
    IdentityResolution identities;

    @Inject
    Notices notices;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /**
     * Asks every participant that declared itself and is not retired (for a rectification: those that declared one
     * of its fields rectifiable); the request is then IN_PROGRESS. With none declared yet (a first deployment whose
     * services have not started) it stalls rather than being fulfilled by nobody.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(PrivacyRequest request, String actor) {
        if (!resolveIdentities(request)) {
            return;
        }
        request.stalledReason = null; // a saga that waited for its identities starts now
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

    /**
     * Resolves the request's identities once, before anyone is asked. When a directory cannot answer, the request
     * stalls with the reason and nobody is asked with fewer identities than the person has; {@link #startWaiting}
     * tries again.
     */
    private boolean resolveIdentities(PrivacyRequest request) {
        if (request.identitiesJson != null) {
            return true;
        }
        try {
            ResolvedIdentities resolved = identities.resolve(request);
            request.identitiesJson = resolved.json();
            audit.note(request, AuditTrail.SYSTEM, "identities-resolved", resolved.found().isEmpty()
                    ? "the proven identities only" : String.join("; ", resolved.found()));
            return true;
        } catch (IdentitiesUnavailable e) {
            LOG.warnf("Identities of request %s not resolved yet: %s", request.id, e.getMessage());
            stall(request, UNRESOLVED + e.getMessage() + "; tried again by the next job round");
            return false;
        }
    }

    /** The job's part: starts the sagas that wait for their identities to be resolved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startWaiting() {
        // Named by the reason they stalled with: a request stalled for anything else is not restarted.
        List<PrivacyRequest> waiting = PrivacyRequest.list("status = ?1 and identitiesJson is null"
                + " and stalledReason like ?2", RequestStatus.STALLED, UNRESOLVED + "%");
        waiting.stream().filter(r -> r.type.runsSaga()).forEach(r -> start(r, AuditTrail.SYSTEM));
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
            } else if (request.type.correctsData()) {
                rectifications.tellRequester(request, all);
            } else {
                notices.completed(request, retainedItems(all));
            }
        } else if (!problems.isEmpty()) {
            stall(request, String.join("; ", problems));
        } else if (request.status == RequestStatus.STALLED && ParticipantReasks.exhausted(all, config).isEmpty()) {
            request.stalledReason = null;
            audit.transition(request, RequestStatus.IN_PROGRESS, AuditTrail.SYSTEM, "resumed",
                    "the participants it waited for answered or were asked again");
        }
    }

    /** What the participants keep under a legal obligation, for the completion notice: "invoice (basis, until)". */
    private List<String> retainedItems(List<Participant> participants) {
        List<String> items = new ArrayList<>();
        for (Participant participant : participants) {
            if (participant.retainedJson == null) {
                continue;
            }
            try {
                for (RetainedItem item : mapper.readValue(participant.retainedJson, RetainedItem[].class)) {
                    items.add(item.recordType() + " (" + item.legalBasis()
                            + (item.until() == null ? "" : ", until " + item.until().toString().substring(0, 10)) + ")");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return items;
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

}
