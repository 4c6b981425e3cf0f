package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.AuditTrail;
import org.privacysuite.dsar.service.NewRequest;
import org.privacysuite.dsar.service.RequestIntake;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * The Data Rights Protocol as a Privacy Infrastructure Provider: exercise / status / revoke of data rights requests,
 * which become the service's own privacy requests. The agents and their tokens are {@link DrpAgents}'; signed messages
 * are read by {@link DrpSignedMessages}, in the order of section 3.07.
 */
@ApplicationScoped
public class DrpProtocol {

    private static final int MAX_TEXT = 2000;

    @Inject
    DsarConfig config;

    @Inject
    RequestIntake intake;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    DrpReplayGuard replay;

    @Inject
    DrpStatusJson statusJson;

    @Inject
    DrpRepeats repeats;

    @Inject
    DrpAgents agents;

    @Inject
    DrpSignedMessages messages;


    /**
     * 2.01: a signed exercise request becomes a privacy request waiting for an officer's approval. The same signed
     * message presented again (an agent retrying after a lost answer) gets the request it created, not a second one.
     */
    @Transactional
    public DrpDtos.ExerciseStatus exercise(String authorization, String body) {
        DrpAgent agent = agents.authenticate(authorization);
        DrpSignedMessages.Signed signed = messages.verify(body, agent, true);
        DrpReplayGuard.Use use = replay.use(agent.id, signed.message(), signed.expiresAt());
        if (!use.first()) {
            return use.earlierRequest().flatMap(DrpProtocol::currentStatus)
                    .orElseThrow(() -> DrpException.of(403, "This signed message was already used."));
        }
        JsonNode claims = signed.claims();

        String exercise = DrpSignedMessages.text(claims, "exercise");
        if (exercise == null) {
            throw DrpException.of(400, "The exercise claim is required.");
        }
        RequestType type = DrpMapping.typeOf(exercise)
                .orElseThrow(() -> DrpException.of(400, "Unsupported rights actions submitted."));
        String regime = DrpSignedMessages.text(claims, "regime");
        Jurisdiction jurisdiction = DrpMapping.jurisdictionOf(regime)
                .orElseThrow(() -> DrpException.of(400, "Unsupported regime " + regime + "."));
        String email = DrpSignedMessages.text(claims, "email");
        if (email == null || email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw DrpException.of(400, "An email claim with the person's email address is required.");
        }
        String agentRequestId = DrpSignedMessages.text(claims, "agent-request-id");
        if (agentRequestId != null && agentRequestId.length() > 200) {
            throw DrpException.of(400, "agent-request-id is longer than 200 characters.");
        }
        String callback = DrpSignedMessages.text(claims, "status_callback");
        if (callback != null) {
            checkCallback(callback);
        }
        String version = DrpSignedMessages.text(claims, "drp.version");
        ObjectionScope objection = DrpMapping.objectionOf(exercise);
        Optional<DrpRequest> repeated = repeats.openOf(agent, type, objection, email);
        if (repeated.isPresent()) {
            replay.bind(use, repeated.get().requestId);
            return repeats.answer(repeated.get(), actor(agent), exercise);
        }

        PrivacyRequest request = intake.openForAgent(
                new NewRequest(type, jurisdiction, describe(agent, exercise, claims), email, null, objection, null),
                actor(agent), "Data Rights Protocol " + exercise + " (regime " + (regime == null ? "none" : regime)
                        + ", email_verified " + claims.path("email_verified").asBoolean(false)
                        + (agentRequestId == null ? "" : ", agent-request-id " + agentRequestId) + ")");
        DrpRequest drp = new DrpRequest();
        drp.requestId = request.id;
        drp.agentId = agent.id;
        drp.agentRequestId = agentRequestId;
        drp.exercise = exercise;
        drp.regime = regime;
        drp.drpVersion = version == null || version.length() > 20 ? null : version;
        drp.statusCallback = callback;
        DrpDtos.ExerciseStatus status = DrpMapping.exerciseStatus(request, drp);
        drp.deliveredState = statusJson.fingerprint(status); // the agent gets it in this answer
        drp.persist();
        replay.bind(use, request.id);
        return status;
    }

    /** 2.02: only the agent managing the request may see it. */
    @Transactional
    public DrpDtos.ExerciseStatus status(String authorization, String requestId) {
        DrpAgent agent = agents.authenticate(authorization);
        DrpRequest drp = managed(agent, requestId);
        return DrpMapping.exerciseStatus(PrivacyRequest.findById(drp.requestId), drp);
    }

    /**
     * 2.04: a signed revoke closes an open or in-progress request; the answer carries the new revoked state. A
     * revoke message names no request in its content (the URL does), so its single use (3.07) is counted per request:
     * the same body may revoke another request of the same agent, and replayed against one request does nothing more.
     */
    @Transactional
    public DrpDtos.ExerciseStatus revoke(String authorization, String requestId, String body) {
        DrpAgent agent = agents.authenticate(authorization);
        DrpRequest drp = managed(agent, requestId);
        // The revoke message of 2.04 defines only "reason"; the envelope claims of 3.07 are checked when present.
        DrpSignedMessages.Signed signed = messages.verify(body, agent, false);
        DrpReplayGuard.Use use = replay.use(agent.id, drp.requestId, signed.message(), signed.expiresAt());
        if (!use.first()) {
            // the same revoke of the same request again does nothing more
            return use.earlierRequest().filter(drp.requestId::equals).flatMap(DrpProtocol::currentStatus)
                    .orElseThrow(() -> DrpException.of(403, "This signed message was already used."));
        }
        replay.bind(use, drp.requestId);
        String reason = DrpSignedMessages.text(signed.claims(), "reason");
        PrivacyRequest request = PrivacyRequest.findById(drp.requestId);
        if (drp.revokedAt != null) {
            return DrpMapping.exerciseStatus(request, drp);
        }
        if (!request.status.isOpen()) {
            throw DrpException.of(409, "The request is " + DrpMapping.stateOf(request, drp).status()
                    + " and can no longer be revoked.");
        }
        Instant now = Instant.now(clock);
        drp.revokedAt = now;
        drp.revokeReason = reason == null ? null : truncate(reason);
        request.closedAt = now;
        audit.transition(request, RequestStatus.CLOSED, actor(agent), "revoked",
                "revoked by agent " + agent.id + (reason == null ? "" : ": " + truncate(reason)));
        DrpDtos.ExerciseStatus status = DrpMapping.exerciseStatus(request, drp);
        drp.deliveredState = statusJson.fingerprint(status); // the agent gets the revoked state in this answer
        return status;
    }

    /**
     * The status of a request as committed now. A replayed message may have waited for the transaction that first
     * used it, whose rows this transaction's snapshot (repeatable read) does not show; a new one does.
     */
    private static Optional<DrpDtos.ExerciseStatus> currentStatus(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DrpRequest drp = DrpRequest.findById(requestId);
            return drp == null ? Optional.empty()
                    : Optional.of(DrpMapping.exerciseStatus(PrivacyRequest.findById(requestId), drp));
        });
    }

    private DrpRequest managed(DrpAgent agent, String requestId) {
        DrpRequest drp = requestId == null ? null : DrpRequest.findById(requestId);
        if (drp == null) {
            throw DrpException.of(404, "No data rights request " + requestId + ".");
        }
        if (!drp.agentId.equals(agent.id)) {
            throw DrpException.of(403, "The request is managed by another agent.");
        }
        return drp;
    }

    /** The request's message for the officer: what was asked through which agent, and the other identity claims. */
    private static String describe(DrpAgent agent, String exercise, JsonNode claims) {
        List<String> parts = new ArrayList<>();
        parts.add("Data Rights Protocol request \"" + exercise + "\" from authorised agent " + agent.name + " ("
                + agent.id + ")");
        for (String claim : List.of("name", "phone_number", "power_of_attorney")) {
            JsonNode value = claims.get(claim);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                parts.add(claim + ": " + value.asText());
            }
        }
        JsonNode address = claims.get("address");
        if (address != null && !address.isNull()) {
            parts.add("address: " + (address.isTextual() ? address.asText() : address.toString()));
        }
        for (String verified : List.of("email_verified", "phone_number_verified", "address_verified")) {
            if (claims.has(verified)) {
                parts.add(verified + ": " + claims.get(verified).asBoolean(false));
            }
        }
        JsonNode relationships = claims.get("relationships");
        if (relationships != null && relationships.isArray() && !relationships.isEmpty()) {
            parts.add("relationships: " + relationships);
        }
        String text = String.join("\n", parts);
        return text.length() <= 10_000 ? text : text.substring(0, 10_000);
    }

    /** A callback the service will not call is refused now rather than failing silently later. */
    private void checkCallback(String callback) {
        String refusal;
        try {
            refusal = callback.length() > 2000 ? "is longer than 2000 characters"
                    : DrpCallbackSender.refusal(URI.create(callback), config.drp().callbacks().publicHttpsOnly());
        } catch (IllegalArgumentException e) {
            refusal = "is not a URL";
        }
        if (refusal != null) {
            throw DrpException.of(400, "status_callback " + (refusal.startsWith("is ") ? refusal
                    : "is refused: " + refusal) + ".");
        }
    }

    private static String actor(DrpAgent agent) {
        return "agent:" + agent.id;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    static Map<String, Object> empty() {
        return Map.of();
    }
}
