package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.AuditTrail;
import org.privacysuite.dsar.service.NewRequest;
import org.privacysuite.dsar.service.RequestIntake;
import org.privacysuite.dsar.service.Sha256;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * The Data Rights Protocol as a Privacy Infrastructure Provider: pair-wise key setup with signed messages, bearer
 * tokens, and exercise / status / revoke of data rights requests, which become the service's own privacy requests.
 * Signed messages are checked in the order of section 3.07.
 */
@ApplicationScoped
public class DrpProtocol {

    private static final Logger LOG = Logger.getLogger(DrpProtocol.class);
    private static final int MAX_TEXT = 2000;

    private final SecureRandom random = new SecureRandom();

    @Inject
    DsarConfig config;

    @Inject
    RequestIntake intake;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    DrpReplayGuard replay;

    @Inject
    DrpStatusJson statusJson;

    @Inject
    DrpRepeats repeats;

    /** A verified signed message: its claims, its bytes (for replay detection) and its expiry, if it has one. */
    private record Signed(JsonNode claims, byte[] message, Optional<Instant> expiresAt) {
    }

    /** 2.05: verifies the signed message against the directory key of the agent in the path and issues a token. */
    @Transactional
    public DrpDtos.AgentToken register(String agentId, String body) {
        DrpAgent agent = DrpAgent.findById(agentId);
        if (agent == null) {
            throw DrpException.bareForbidden("unknown agent " + agentId);
        }
        try {
            Signed signed = verify(body, agent, true);
            if (!replay.use(agent.id, signed.message(), signed.expiresAt()).first()) {
                throw DrpException.of(403, "This signed message was already used.");
            }
        } catch (DrpException e) {
            throw DrpException.bareForbidden(e.getMessage());
        }
        // One live token per agent: a new setup replaces the previous token.
        DrpToken.delete("agentId", agent.id);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        DrpToken stored = new DrpToken();
        stored.tokenHash = Sha256.hex(token);
        stored.agentId = agent.id;
        stored.issuedAt = Instant.now(clock);
        stored.persist();
        LOG.infof("DRP agent %s completed the pair-wise key setup", agent.id);
        return new DrpDtos.AgentToken(agent.id, token);
    }

    /** 2.06: the bearer token must belong to the agent in the path. */
    @Transactional
    public void checkAgent(String agentId, String authorization) {
        DrpAgent agent = authenticate(authorization);
        if (!agent.id.equals(agentId)) {
            throw DrpException.of(403, "The bearer token does not belong to agent " + agentId);
        }
    }

    /**
     * 2.01: a signed exercise request becomes a privacy request waiting for an officer's approval. The same signed
     * message presented again (an agent retrying after a lost answer) gets the request it created, not a second one.
     */
    @Transactional
    public DrpDtos.ExerciseStatus exercise(String authorization, String body) {
        DrpAgent agent = authenticate(authorization);
        Signed signed = verify(body, agent, true);
        DrpReplayGuard.Use use = replay.use(agent.id, signed.message(), signed.expiresAt());
        if (!use.first()) {
            return use.earlierRequest().flatMap(DrpProtocol::currentStatus)
                    .orElseThrow(() -> DrpException.of(403, "This signed message was already used."));
        }
        JsonNode claims = signed.claims();

        String exercise = text(claims, "exercise");
        if (exercise == null) {
            throw DrpException.of(400, "The exercise claim is required.");
        }
        RequestType type = DrpMapping.typeOf(exercise)
                .orElseThrow(() -> DrpException.of(400, "Unsupported rights actions submitted."));
        String regime = text(claims, "regime");
        Jurisdiction jurisdiction = DrpMapping.jurisdictionOf(regime)
                .orElseThrow(() -> DrpException.of(400, "Unsupported regime " + regime + "."));
        String email = text(claims, "email");
        if (email == null || email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw DrpException.of(400, "An email claim with the person's email address is required.");
        }
        String agentRequestId = text(claims, "agent-request-id");
        if (agentRequestId != null && agentRequestId.length() > 200) {
            throw DrpException.of(400, "agent-request-id is longer than 200 characters.");
        }
        String callback = text(claims, "status_callback");
        if (callback != null) {
            checkCallback(callback);
        }
        String version = text(claims, "drp.version");
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
        DrpAgent agent = authenticate(authorization);
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
        DrpAgent agent = authenticate(authorization);
        DrpRequest drp = managed(agent, requestId);
        // The revoke message of 2.04 defines only "reason"; the envelope claims of 3.07 are checked when present.
        Signed signed = verify(body, agent, false);
        DrpReplayGuard.Use use = replay.use(agent.id, drp.requestId, signed.message(), signed.expiresAt());
        if (!use.first()) {
            // the same revoke of the same request again does nothing more
            return use.earlierRequest().filter(drp.requestId::equals).flatMap(DrpProtocol::currentStatus)
                    .orElseThrow(() -> DrpException.of(403, "This signed message was already used."));
        }
        replay.bind(use, drp.requestId);
        String reason = text(signed.claims(), "reason");
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

    /** The agent a bearer token was issued to. */
    DrpAgent authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw DrpException.of(401, "A bearer token from POST /v1/agent/{agent-id} is required.");
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
            throw DrpException.of(401, "A bearer token from POST /v1/agent/{agent-id} is required.");
        }
        DrpToken token = DrpToken.findById(Sha256.hex(value.substring(7).trim()));
        DrpAgent agent = token == null ? null : DrpAgent.findById(token.agentId);
        if (agent == null) {
            throw DrpException.of(403, "The bearer token is not valid.");
        }
        return agent;
    }

    /** Section 3.07 in order: the signature, then the envelope claims. */
    private Signed verify(String body, DrpAgent agent, boolean envelopeRequired) {
        byte[] message = open(body, agent);
        JsonNode claims = parse(message);
        return new Signed(claims, message, checkClaims(claims, agent, envelopeRequired));
    }

    /** 3.07, first two steps: base64 decoding, then the signature under the agent's key. */
    private static byte[] open(String body, DrpAgent agent) {
        byte[] signed = Ed25519Verifier.decodeBase64(body)
                .orElseThrow(() -> DrpException.of(400, "The body must be a base64-encoded signed message."));
        byte[] key = Ed25519Verifier.rawKey(agent.verifyKey)
                .orElseThrow(() -> new IllegalStateException("stored verify key of " + agent.id + " is invalid"));
        return Ed25519Verifier.open(signed, key)
                .orElseThrow(() -> DrpException.of(403, "The signature does not verify with the agent's key."));
    }

    private JsonNode parse(byte[] message) {
        try {
            JsonNode claims = mapper.readTree(new String(message, StandardCharsets.UTF_8));
            if (claims == null || !claims.isObject()) {
                throw DrpException.of(400, "The signed message must be a JSON object.");
            }
            return claims;
        } catch (IOException e) {
            throw DrpException.of(400, "The signed message is not valid JSON.");
        }
    }

    /** 3.07, the remaining steps in order: agent-id, business-id, issued-at, expires-at. */
    private Optional<Instant> checkClaims(JsonNode claims, DrpAgent agent, boolean required) {
        String agentId = text(claims, "agent-id");
        if (agentId != null || required) {
            if (agentId == null) {
                throw DrpException.of(400, "The agent-id claim is required.");
            }
            if (!agentId.equals(agent.id)) {
                throw DrpException.of(403, "The agent-id claim does not match the authenticated agent.");
            }
        }
        String businessId = text(claims, "business-id");
        if (businessId != null || required) {
            if (businessId == null) {
                throw DrpException.of(400, "The business-id claim is required.");
            }
            if (!businessId.equals(config.drp().businessId())) {
                throw DrpException.of(403, "The business-id claim names another business.");
            }
        }
        Instant now = Instant.now(clock);
        Optional<Instant> issuedAt = timestamp(claims, "issued-at", required);
        if (issuedAt.isPresent() && issuedAt.get().isAfter(now.plus(config.drp().clockSkew()))) {
            throw DrpException.of(403, "The message was issued in the future (issued-at).");
        }
        Optional<Instant> expiresAt = timestamp(claims, "expires-at", required);
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            throw DrpException.fatal(403, "The message has expired (expires-at).");
        }
        return expiresAt;
    }

    private static Optional<Instant> timestamp(JsonNode claims, String name, boolean required) {
        String value = text(claims, name);
        if (value == null) {
            if (required) {
                throw DrpException.of(400, "The " + name + " claim is required.");
            }
            return Optional.empty();
        }
        return Optional.of(parseIso(value)
                .orElseThrow(() -> DrpException.of(400, "The " + name + " claim is not an ISO 8601 timestamp.")));
    }

    /** ISO 8601 with an offset or Z; a timestamp without one is taken as UTC. */
    static Optional<Instant> parseIso(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DrpException.of(400, "The " + name + " claim must be a string.");
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
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


    /** Officers: creates or re-keys an agent. A new key invalidates the tokens issued under the old one. */
    @Transactional
    public DrpAgent putAgent(String agentId, String name, String verifyKey, String officer) {
        byte[] raw = Ed25519Verifier.rawKey(verifyKey).orElseThrow(() -> org.privacysuite.commons.problem
                .ProblemException.invalid("verifyKey", "must be a 32-byte Ed25519 verify key, base64 or hex"));
        String canonical = java.util.Base64.getEncoder().encodeToString(raw);
        DrpAgent agent = DrpAgent.findById(agentId);
        if (agent == null) {
            agent = new DrpAgent();
            agent.id = agentId;
        } else if (!canonical.equals(agent.verifyKey)) {
            DrpToken.delete("agentId", agentId);
        }
        agent.name = name.trim();
        agent.verifyKey = canonical;
        agent.updatedAt = Instant.now(clock);
        agent.updatedBy = officer;
        agent.persist();
        LOG.infof("DRP agent %s set by %s", agentId, officer);
        return agent;
    }

    /** Officers: removes an agent and its tokens; the requests it submitted stay. */
    @Transactional
    public boolean removeAgent(String agentId, String officer) {
        DrpToken.delete("agentId", agentId);
        boolean removed = DrpAgent.deleteById(agentId);
        if (removed) {
            LOG.infof("DRP agent %s removed by %s", agentId, officer);
        }
        return removed;
    }

    @Transactional
    public List<DrpDtos.AgentView> agents() {
        List<DrpAgent> agents = DrpAgent.listAll(io.quarkus.panache.common.Sort.by("id"));
        return agents.stream().map(this::view).toList();
    }

    DrpDtos.AgentView view(DrpAgent agent) {
        return new DrpDtos.AgentView(agent.id, agent.name, agent.verifyKey, DrpMapping.iso(agent.updatedAt), agent.updatedBy,
                DrpToken.count("agentId", agent.id));
    }

    static Map<String, Object> empty() {
        return Map.of();
    }
}
