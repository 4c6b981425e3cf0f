package org.privacysuite.dsar.drp;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.privacysuite.dsar.drp.DrpClient.email;
import static org.privacysuite.dsar.drp.DrpClient.exercise;
import static org.privacysuite.dsar.drp.DrpClient.newAgent;
import static org.privacysuite.dsar.drp.DrpClient.onboard;
import static org.privacysuite.dsar.drp.DrpClient.putAgent;
import static org.privacysuite.dsar.drp.DrpClient.revoke;
import static org.privacysuite.dsar.drp.DrpClient.setup;
import static org.privacysuite.dsar.drp.DrpClient.status;
import static org.privacysuite.dsar.drp.DrpClient.token;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.DsarTestBase;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.StoppedProcessing;
import org.privacysuite.testsupport.DrpTestAgent;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class DrpProtocolTest extends DsarTestBase {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void officersOnboardAgentsWithTheirVerifyKey() {
        DrpTestAgent agent = newAgent();
        putAgent(null, agent.id, Map.of("name", "Agent", "verifyKey", agent.verifyKey())).statusCode(401);
        putAgent(TestTokens.user(UUID.randomUUID().toString()), agent.id,
                Map.of("name", "Agent", "verifyKey", agent.verifyKey())).statusCode(403);
        putAgent(TestTokens.officer(), agent.id, Map.of("name", "Agent", "verifyKey", "c2hvcnQ="))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("verifyKey"));
        putAgent(TestTokens.officer(), agent.id, Map.of("name", "", "verifyKey", agent.verifyKey())).statusCode(400);
        putAgent(TestTokens.officer(), "bad agent!", Map.of("name", "Agent", "verifyKey", agent.verifyKey()))
                .statusCode(400);

        // hex keys (the pre-0.9.1 encoding) are accepted and stored as base64
        byte[] raw = Base64.getDecoder().decode(agent.verifyKey());
        putAgent(TestTokens.officer(), agent.id, Map.of("name", "Consumer Agent",
                "verifyKey", java.util.HexFormat.of().formatHex(raw)))
                .statusCode(200).body("agentId", equalTo(agent.id)).body("verifyKey", equalTo(agent.verifyKey()))
                .body("updatedBy", containsString("officer:"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/agents")
                .then().statusCode(200).body("agentId", hasItem(agent.id));
    }

    @Test
    void pairwiseKeySetupIssuesATokenForACorrectlySignedMessage() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = setup(agent.id, agent.sign(agent.envelope()))
                .statusCode(200).contentType("application/json")
                .body("agent-id", equalTo(agent.id)).body("token", notNullValue())
                .extract().path("token");

        given().header("Authorization", "Bearer " + token).when().get("/v1/agent/" + agent.id)
                .then().statusCode(200).body(equalTo("{}"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/agent/SOMEONE_ELSE")
                .then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").when().get("/v1/agent/" + agent.id)
                .then().statusCode(403);

        // a new setup replaces the token
        String second = token(agent);
        assertNotEquals(token, second);
        given().header("Authorization", "Bearer " + token).when().get("/v1/agent/" + agent.id)
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + second).when().get("/v1/agent/" + agent.id)
                .then().statusCode(200);
        // re-keying by an officer invalidates it
        putAgent(TestTokens.officer(), agent.id, Map.of("name", "Agent", "verifyKey", newAgent().verifyKey()))
                .statusCode(200).body("activeTokens", equalTo(0));
        given().header("Authorization", "Bearer " + second).when().get("/v1/agent/" + agent.id)
                .then().statusCode(403);
    }

    @Test
    void keySetupRefusesTamperedExpiredMisaddressedAndUnknownWithBare403() {
        DrpTestAgent agent = newAgent();
        onboard(agent);

        byte[] signed = Base64.getDecoder().decode(agent.sign(agent.envelope()));
        signed[signed.length - 3] ^= 0x01; // flip a bit of the JSON after signing
        setup(agent.id, Base64.getEncoder().encodeToString(signed)).statusCode(403).body(emptyString());

        Map<String, Object> expired = agent.envelope();
        expired.put("issued-at", Instant.now().minusSeconds(600).toString());
        expired.put("expires-at", Instant.now().minusSeconds(60).toString());
        setup(agent.id, agent.sign(expired)).statusCode(403).body(emptyString());

        Map<String, Object> future = agent.envelope();
        future.put("issued-at", Instant.now().plusSeconds(3600).toString());
        future.put("expires-at", Instant.now().plusSeconds(4000).toString());
        setup(agent.id, agent.sign(future)).statusCode(403).body(emptyString());

        Map<String, Object> otherBusiness = agent.envelope();
        otherBusiness.put("business-id", "SOME_OTHER_BUSINESS");
        setup(agent.id, agent.sign(otherBusiness)).statusCode(403).body(emptyString());

        Map<String, Object> otherAgent = agent.envelope();
        otherAgent.put("agent-id", "SOMEONE_ELSE");
        setup(agent.id, agent.sign(otherAgent)).statusCode(403).body(emptyString());

        DrpTestAgent impostor = new DrpTestAgent(agent.id); // same id, key not the one the officer configured
        setup(agent.id, impostor.sign(impostor.envelope())).statusCode(403).body(emptyString());

        DrpTestAgent unknown = newAgent();
        setup(unknown.id, unknown.sign(unknown.envelope())).statusCode(403).body(emptyString());

        setup(agent.id, "not base64 at all!").statusCode(403).body(emptyString());
        // the unsigned JSON itself is not accepted
        setup(agent.id, Base64.getEncoder().encodeToString(
                "{\"agent-id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).statusCode(403);

        // and the untouched message still works
        setup(agent.id, agent.sign(agent.envelope())).statusCode(200);
    }

    @Test
    void createStatusRevoke() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);
        String email = email();

        Map<String, Object> claims = agent.exercise("deletion", email);
        claims.put("agent-request-id", "agent-req-1");
        var created = exercise(token, agent.sign(claims))
                .statusCode(200).contentType("application/json")
                .body("request_id", matchesPattern(UUID_PATTERN))
                .body("status", equalTo("in_progress"))
                .body("received_at", notNullValue())
                .body("expected_by", notNullValue())
                .body("agent_request_id", equalTo("agent-req-1"))
                .extract();
        String requestId = created.path("request_id");

        // the internal request: from an authorised agent, CCPA, erasure of the email, waiting for an officer
        var internal = given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + requestId)
                .then().statusCode(200)
                .body("type", equalTo("ERASURE")).body("jurisdiction", equalTo("CCPA"))
                .body("status", equalTo("PENDING_APPROVAL")).body("source", equalTo("AUTHORISED_AGENT"))
                .body("email", equalTo(email)).body("message", containsString(agent.id));
        String dueAt = internal.extract().path("dueAt");

        String expectedBy = status(token, requestId).statusCode(200)
                .body("request_id", equalTo(requestId)).body("status", equalTo("in_progress"))
                .body("agent_request_id", equalTo("agent-req-1"))
                .body("processing_details", notNullValue())
                // the same times as in the exercise answer, whatever the database's precision
                .body("received_at", equalTo(created.path("received_at")))
                .body("expected_by", equalTo(created.path("expected_by")))
                .extract().path("expected_by");
        assertEquals(Instant.parse(dueAt).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Instant.parse(expectedBy),
                "expected_by is the legal deadline, to the second");

        // only the managing agent sees it; unknown ids are 404
        DrpTestAgent other = newAgent();
        onboard(other);
        String otherToken = token(other);
        status(otherToken, requestId).statusCode(403).body("code", equalTo("403"));
        revoke(otherToken, requestId, other.sign(Map.of("reason", "not mine"))).statusCode(403);
        status(token, UUID.randomUUID().toString()).statusCode(404).body("code", equalTo("404"));

        // a tampered revoke changes nothing
        byte[] signed = Base64.getDecoder().decode(agent.sign(Map.of("reason", "I changed my mind")));
        signed[10] ^= 0x01; // inside the signature
        revoke(token, requestId, Base64.getEncoder().encodeToString(signed)).statusCode(403);
        status(token, requestId).body("status", equalTo("in_progress"));

        revoke(token, requestId, agent.sign(Map.of("reason", "I changed my mind")))
                .statusCode(200).body("request_id", equalTo(requestId)).body("status", equalTo("revoked"));
        status(token, requestId).statusCode(200).body("status", equalTo("revoked"));
        // again: still revoked
        revoke(token, requestId, agent.sign(Map.of("reason", "again"))).statusCode(200)
                .body("status", equalTo("revoked"));

        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + requestId)
                .then().body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + requestId + "/audit")
                .then().statusCode(200)
                .body("find { it.action == 'revoked' }.actor", equalTo("agent:" + agent.id))
                .body("find { it.action == 'revoked' }.toStatus", equalTo("CLOSED"))
                .body("find { it.action == 'revoked' }.detail", containsString("revoked by agent " + agent.id))
                .body("find { it.action == 'received' }.actor", equalTo("agent:" + agent.id));
        // a closed request cannot be approved any more
        act(requestId, "approve", null).statusCode(409);
    }

    @Test
    void exerciseRefusesTamperedExpiredAndForeignMessages() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);

        byte[] signed = Base64.getDecoder().decode(agent.sign(agent.exercise("access", email())));
        signed[signed.length - 5] ^= 0x01;
        exercise(token, Base64.getEncoder().encodeToString(signed))
                .statusCode(403).contentType("application/json").body("code", equalTo("403"))
                .body("message", containsString("signature"));

        Map<String, Object> expired = agent.exercise("access", email());
        expired.put("issued-at", Instant.now().minusSeconds(900).toString());
        expired.put("expires-at", Instant.now().minusSeconds(1).toString());
        exercise(token, agent.sign(expired))
                .statusCode(403).body("code", equalTo("403")).body("fatal", equalTo(true))
                .body("message", containsString("expires-at"));

        Map<String, Object> otherBusiness = agent.exercise("access", email());
        otherBusiness.put("business-id", "ACME");
        exercise(token, agent.sign(otherBusiness)).statusCode(403).body("message", containsString("business-id"));

        // a message signed by another agent, presented with this agent's token
        DrpTestAgent other = newAgent();
        onboard(other);
        exercise(token, other.sign(other.exercise("access", email()))).statusCode(403);
        // this agent's message presented with another agent's token
        exercise(token(other), agent.sign(agent.exercise("access", email()))).statusCode(403);

        exercise(null, agent.sign(agent.exercise("access", email())))
                .statusCode(401).header("WWW-Authenticate", "Bearer").body("code", equalTo("401"));
        exercise("unknown-token", agent.sign(agent.exercise("access", email()))).statusCode(403);
        // a Keycloak token is not a DRP token
        exercise(TestTokens.officer(), agent.sign(agent.exercise("access", email()))).statusCode(403);
    }

    @Test
    void badInputIsA400WithTheDrpErrorShape() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);

        exercise(token, "%%% not base64 %%%").statusCode(400).body("code", equalTo("400"));
        exercise(token, "").statusCode(400);
        exercise(token, agent.sign(agent.exercise("teleport", email())))
                .statusCode(400).body("code", equalTo("400"))
                .body("message", equalTo("Unsupported rights actions submitted."));
        exercise(token, agent.sign(agent.exercise("sale:opt_in", email()))).statusCode(400);

        Map<String, Object> noEmail = agent.exercise("access", email());
        noEmail.remove("email");
        exercise(token, agent.sign(noEmail)).statusCode(400).body("message", containsString("email"));

        Map<String, Object> noExpiry = agent.exercise("access", email());
        noExpiry.remove("expires-at");
        exercise(token, agent.sign(noExpiry)).statusCode(400).body("message", containsString("expires-at"));

        Map<String, Object> badTime = agent.exercise("access", email());
        badTime.put("issued-at", "yesterday");
        exercise(token, agent.sign(badTime)).statusCode(400);

        Map<String, Object> regime = agent.exercise("access", email());
        regime.put("regime", "lgpd");
        exercise(token, agent.sign(regime)).statusCode(400);

        Map<String, Object> callback = agent.exercise("access", email());
        callback.put("status_callback", "ftp://agent.example/cb");
        exercise(token, agent.sign(callback)).statusCode(400);

        exercise(token, Base64.getEncoder().encodeToString(agent.signRaw(
                "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).statusCode(400);
    }

    @Test
    void statusFollowsTheOfficersDecision() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);

        Map<String, Object> claims = agent.exercise("sale:opt_out", email());
        claims.remove("regime"); // voluntary: handled on CCPA terms
        String optOut = exercise(token, agent.sign(claims)).statusCode(200).extract().path("request_id");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + optOut)
                .then().body("type", equalTo("OBJECTION")).body("jurisdiction", equalTo("CCPA"))
                .body("objection", equalTo("SALE_OR_SHARING"));

        act(optOut, "deny", Map.of("reason", "no_match: we hold no data for this address")).statusCode(200);
        status(token, optOut).statusCode(200)
                .body("status", equalTo("denied")).body("reason", equalTo("no_match"))
                .body("processing_details", equalTo("we hold no data for this address"));
        // a final request cannot be revoked
        revoke(token, optOut, agent.sign(Map.of("reason", "too late"))).statusCode(409).body("code", equalTo("409"));

        String access = exercise(token, agent.sign(agent.exercise("access", email())))
                .statusCode(200).extract().path("request_id");
        act(access, "deny", Map.of("reason", "Requests like this are handled by our parent company")).statusCode(200);
        status(token, access).body("status", equalTo("denied")).body("reason", equalTo("other"))
                .body("processing_details", containsString("parent company"));

        String approved = exercise(token, agent.sign(agent.exercise("access:categories", email())))
                .statusCode(200).extract().path("request_id");
        act(approved, "approve", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        status(token, approved).body("status", equalTo("in_progress")).body("reason", nullValue());
        act(approved, "extend", Map.of("reason", "Many records")).statusCode(200);
        status(token, approved).body("processing_details", containsString("Many records"));
    }

    /**
     * The reference agent (OSIRAA) posts to the pre-0.9.3 path with a trailing slash, sends a JSON null regime and
     * an address string, and sends its revoke without a Content-Type.
     */
    @Test
    void requestsShapedLikeTheReferenceAgentsAreAccepted() throws Exception {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);
        Map<String, Object> claims = agent.exercise("deletion", email());
        claims.put("drp.version", "0.9.3");
        claims.put("regime", null);
        claims.put("relationships", java.util.List.of());
        claims.put("phone_number", null);
        claims.put("address", "1 Main St, Springfield");
        claims.put("address_verified", false);
        String requestId = given().header("Authorization", "Bearer " + token).contentType("text/plain")
                .body(agent.sign(claims)).when().post("/v1/data-rights-request/")
                .then().statusCode(200).body("status", equalTo("in_progress")).extract().path("request_id");

        java.net.http.HttpRequest delete = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/v1/data-rights-request/"
                                + requestId))
                .header("Authorization", "Bearer " + token)
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        agent.sign(Map.of("reason", "I don't want my account deleted."))))
                .build();
        var answer = java.net.http.HttpClient.newHttpClient().send(delete,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("revoked", new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body())
                .path("status").asText());
    }

    /** What an opt-out did reaches the agent, so it can tell the person (issue #14). */
    @Test
    void aFulfilledOptOutSaysWhatWasRefused() throws Exception {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String token = token(agent);
        String optOut = exercise(token, agent.sign(agent.exercise("sale:opt-out", email()))).statusCode(200)
                .extract().path("request_id");
        act(optOut, "approve", null).statusCode(200);
        UUID id = UUID.fromString(optOut);
        send(new ObjectionCompleted(id, "request:" + optOut, "consent-service", ObjectionOutcome.STOPPED,
                List.of(new StoppedProcessing("advertising-cookies", StoppedProcessing.Action.REFUSED, 2)), null),
                "/consent");
        for (String other : List.of("account-service", "newsletter-service")) {
            send(new ObjectionCompleted(id, "request:" + optOut, other, ObjectionOutcome.NOTHING_FOUND, List.of(),
                    "does no processing for sale or sharing"), "/" + other);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> status(token, optOut).statusCode(200)
                .body("status", equalTo("fulfilled"))
                .body("processing_details", equalTo("Opted out of sale and sharing: advertising-cookies refused for"
                        + " 2 identities. Nothing to stop at account-service, newsletter-service.")));
    }
}
