package org.privacysuite.dsar.drp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.DrpTestAgent;

/** DRP section 3.07's checks, in their order, on signed messages alone: no database, no server. */
class DrpSignedMessagesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final DrpTestAgent signer = new DrpTestAgent("agent-one");
    private final DrpSignedMessages messages = new DrpSignedMessages(new ObjectMapper(),
            Clock.fixed(NOW, ZoneOffset.UTC), DrpTestAgent.BUSINESS_ID, Duration.ofMinutes(2));

    private DrpAgent agent() {
        DrpAgent agent = new DrpAgent();
        agent.id = signer.id;
        agent.verifyKey = signer.verifyKey();
        return agent;
    }

    private Map<String, Object> envelope() {
        return new java.util.LinkedHashMap<>(Map.of("agent-id", signer.id, "business-id", DrpTestAgent.BUSINESS_ID,
                "issued-at", NOW.minusSeconds(5).toString(), "expires-at", NOW.plusSeconds(300).toString()));
    }

    private int refusal(String body, boolean required) {
        return assertThrows(DrpException.class, () -> messages.verify(body, agent(), required)).status();
    }

    @Test
    void aValidMessageGivesItsClaimsBytesAndExpiry() {
        Map<String, Object> claims = envelope();
        claims.put("exercise", "sale:opt-out");
        String body = signer.sign(claims);
        DrpSignedMessages.Signed signed = messages.verify(body, agent(), true);
        assertEquals("sale:opt-out", signed.claims().get("exercise").asText());
        assertEquals(Optional.of(NOW.plusSeconds(300)), signed.expiresAt());
        byte[] combined = Base64.getDecoder().decode(body);
        assertArrayEquals(java.util.Arrays.copyOfRange(combined, 64, combined.length), signed.message(),
                "the message is what follows the 64-byte signature");
    }

    @Test
    void eachCheckRefusesWithItsStatus() {
        assertEquals(400, refusal("not base64 !", true));
        DrpTestAgent stranger = new DrpTestAgent(signer.id);
        assertEquals(403, refusal(stranger.sign(envelope()), true), "signed with another key");
        assertEquals(400, refusal(Base64.getEncoder().encodeToString(signer.signRaw(
                "[1,2]".getBytes(StandardCharsets.UTF_8))), true), "not a JSON object");

        Map<String, Object> otherAgent = envelope();
        otherAgent.put("agent-id", "agent-two");
        assertEquals(403, refusal(signer.sign(otherAgent), true));
        Map<String, Object> otherBusiness = envelope();
        otherBusiness.put("business-id", "SOMEONE_ELSE");
        assertEquals(403, refusal(signer.sign(otherBusiness), true));
        Map<String, Object> future = envelope();
        future.put("issued-at", NOW.plus(Duration.ofMinutes(3)).toString());
        assertEquals(403, refusal(signer.sign(future), true), "issued beyond the clock skew");
        Map<String, Object> expired = envelope();
        expired.put("expires-at", NOW.toString());
        assertEquals(403, refusal(signer.sign(expired), true));
        Map<String, Object> badTime = envelope();
        badTime.put("issued-at", "yesterday");
        assertEquals(400, refusal(signer.sign(badTime), true));
        Map<String, Object> notText = envelope();
        notText.put("agent-id", 7);
        assertEquals(400, refusal(signer.sign(notText), true));
    }

    @Test
    void theEnvelopeIsRequiredOnlyWhereTheProtocolSaysSo() {
        String bare = signer.sign(Map.of("reason", "changed my mind"));
        assertEquals(400, refusal(bare, true), "2.01 and 2.05 messages carry the envelope");
        DrpSignedMessages.Signed revoke = messages.verify(bare, agent(), false);
        assertEquals("changed my mind", revoke.claims().get("reason").asText());
        assertEquals(Optional.empty(), revoke.expiresAt());
    }

    @Test
    void timestampsWithoutAnOffsetAreUtc() {
        assertEquals(Optional.of(Instant.parse("2026-12-01T10:00:00Z")),
                DrpSignedMessages.parseIso("2026-12-01T10:00:00"));
        assertEquals(Optional.of(Instant.parse("2026-12-01T08:00:00Z")),
                DrpSignedMessages.parseIso("2026-12-01T10:00:00+02:00"));
        assertEquals(Optional.empty(), DrpSignedMessages.parseIso("1 December"));
    }
}
