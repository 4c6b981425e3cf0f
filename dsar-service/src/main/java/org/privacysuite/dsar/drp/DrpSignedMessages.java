package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.privacysuite.dsar.config.DsarConfig;

/**
 * Reads an agent's signed message in the order of DRP section 3.07: base64, the signature under the agent's key,
 * JSON, then the envelope claims (agent-id, business-id, issued-at, expires-at). Each refusal is the
 * {@link DrpException} the protocol answers with. No database: the agent is given, and replays are the caller's
 * ({@link DrpReplayGuard}).
 */
@Singleton
public class DrpSignedMessages {

    private final ObjectMapper mapper;
    private final Clock clock;
    private final String businessId;
    private final Duration clockSkew;

    /** A verified signed message: its claims, its bytes (for replay detection) and its expiry, if it has one. */
    public record Signed(JsonNode claims, byte[] message, Optional<Instant> expiresAt) {
    }

    @Inject
    DrpSignedMessages(ObjectMapper mapper, Clock clock, DsarConfig config) {
        this(mapper, clock, config.drp().businessId(), config.drp().clockSkew());
    }

    DrpSignedMessages(ObjectMapper mapper, Clock clock, String businessId, Duration clockSkew) {
        this.mapper = mapper;
        this.clock = clock;
        this.businessId = businessId;
        this.clockSkew = clockSkew;
    }

    /**
     * Section 3.07 in order: the signature, then the envelope claims, which a message must carry when
     * {@code envelopeRequired} and are checked whenever present.
     */
    public Signed verify(String body, DrpAgent agent, boolean envelopeRequired) {
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
        String business = text(claims, "business-id");
        if (business != null || required) {
            if (business == null) {
                throw DrpException.of(400, "The business-id claim is required.");
            }
            if (!business.equals(businessId)) {
                throw DrpException.of(403, "The business-id claim names another business.");
            }
        }
        Instant now = Instant.now(clock);
        Optional<Instant> issuedAt = timestamp(claims, "issued-at", required);
        if (issuedAt.isPresent() && issuedAt.get().isAfter(now.plus(clockSkew))) {
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

    /** A claim's trimmed text; null when absent, null or blank; a claim of another JSON type is a 400. */
    static String text(JsonNode claims, String name) {
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
}
