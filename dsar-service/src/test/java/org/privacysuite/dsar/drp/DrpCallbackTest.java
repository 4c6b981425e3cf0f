package org.privacysuite.dsar.drp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.dsar.drp.DrpClient.email;
import static org.privacysuite.dsar.drp.DrpClient.exercise;
import static org.privacysuite.dsar.drp.DrpClient.onboardedAgent;
import static org.privacysuite.dsar.drp.DrpClient.revoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.DsarTestBase;
import org.privacysuite.testsupport.DrpTestAgent;
import org.privacysuite.testsupport.TestTokens;

/** Section 2.03: status changes are pushed to the agent's status_callback, retried, and never lost or repeated. */
@QuarkusTest
class DrpCallbackTest extends DsarTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer agentServer;

    @Inject
    DrpCallbackDelivery delivery;

    @BeforeAll
    static void startAgentServer() {
        agentServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        agentServer.start();
    }

    @AfterAll
    static void stopAgentServer() {
        agentServer.stop();
    }

    /** A fresh callback path on the agent's server that answers {@code status}. */
    private static String callback(int status) {
        String path = "/update_status/" + UUID.randomUUID();
        agentServer.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + agentServer.port() + path;
    }

    private static List<JsonNode> received(String path) {
        return agentServer.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(DrpCallbackTest::body).toList();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            assertTrue(request.getHeader("Content-Type").startsWith("application/json"), "callbacks are JSON");
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String submit(DrpTestAgent agent, String token, String exercise, String path) {
        Map<String, Object> claims = agent.exercise(exercise, email());
        claims.put("status_callback", url(path));
        claims.put("agent-request-id", "req-" + path.substring(path.lastIndexOf('/') + 1));
        return exercise(token, agent.sign(claims)).statusCode(200).extract().path("request_id");
    }

    private static boolean queued(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> DrpCallback.findById(requestId) != null);
    }

    @Test
    void everyStatusChangeIsPushedOnceWithTheCurrentStatus() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String path = callback(200);
        String requestId = submit(agent, token, "deletion", path);

        // the agent got the first status in the answer: nothing to push yet
        delivery.deliverDue();
        assertEquals(0, received(path).size(), "no callback repeats the exercise answer");

        act(requestId, "approve", null).statusCode(200);
        delivery.deliverDue();
        List<JsonNode> calls = received(path);
        assertEquals(1, calls.size());
        assertEquals(requestId, calls.get(0).path("request_id").asText());
        assertEquals("in_progress", calls.get(0).path("status").asText());
        assertEquals("The request is being carried out.", calls.get(0).path("processing_details").asText());
        assertEquals("req-" + path.substring(path.lastIndexOf('/') + 1), calls.get(0).path("agent_request_id").asText());
        assertFalse(queued(requestId), "a delivered callback leaves the queue");
        drpView(requestId).statusCode(200)
                .body("agentId", equalTo(agent.id)).body("agentName", equalTo("Agent " + agent.id))
                .body("exercise", equalTo("deletion")).body("statusCallback", equalTo(url(path)))
                .body("callback.state", equalTo("delivered"));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .when().get("/api/privacy-requests/" + requestId + "/drp").then().statusCode(403);

        // nothing changed: nothing sent
        delivery.deliverDue();
        assertEquals(1, received(path).size());

        // an extension moves expected_by and says why (3.08)
        String before = calls.get(0).path("expected_by").asText();
        act(requestId, "extend", Map.of("reason", "Records in three systems")).statusCode(200);
        delivery.deliverDue();
        calls = received(path);
        assertEquals(2, calls.size());
        JsonNode extended = calls.get(1);
        assertEquals("Deadline extended: Records in three systems", extended.path("processing_details").asText());
        assertTrue(Instant.parse(extended.path("expected_by").asText()).isAfter(Instant.parse(before)),
                "expected_by moved: " + before + " -> " + extended.path("expected_by").asText());
        String dueAt = given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + requestId)
                .then().extract().path("dueAt");
        assertEquals(Instant.parse(dueAt).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Instant.parse(extended.path("expected_by").asText()), "expected_by is the deadline, to the second");
    }

    @Test
    void aDenialIsPushedWithItsReason() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String path = callback(200);
        String requestId = submit(agent, token, "access", path);

        act(requestId, "deny", Map.of("reason", "no_match: no customer with this email")).statusCode(200);
        delivery.deliverDue();
        List<JsonNode> calls = received(path);
        assertEquals(1, calls.size());
        assertEquals("denied", calls.get(0).path("status").asText());
        assertEquals("no_match", calls.get(0).path("reason").asText());
        assertEquals("no customer with this email", calls.get(0).path("processing_details").asText());
    }

    @Test
    void aRevokeIsNotEchoedBack() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String path = callback(200);
        String requestId = submit(agent, token, "deletion", path);

        revoke(token, requestId, agent.sign(Map.of("reason", "changed my mind"))).statusCode(200);
        delivery.deliverDue();
        assertEquals(0, received(path).size(), "the agent has the revoked state from the revoke answer");
        assertFalse(queued(requestId));
    }

    @Test
    void anUnreachableAgentIsRetriedWithBackoffAndGetsTheLatestStatus() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String path = "/update_status/" + UUID.randomUUID();
        // down twice, then up
        agentServer.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("down again"));
        agentServer.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("down again")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        agentServer.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String requestId = submit(agent, token, "access", path);

        act(requestId, "approve", null).statusCode(200);
        delivery.deliverDue();
        assertEquals(1, received(path).size());
        // backing off (first retry after 1 s in tests): an immediate round sends nothing
        delivery.deliverDue();
        assertEquals(1, received(path).size(), "retried before its backoff");
        assertTrue(queued(requestId));

        // a change while failing: the next attempt carries the newest status
        act(requestId, "extend", Map.of("reason", "Large account")).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            delivery.deliverDue();
            return !queued(requestId);
        });
        List<JsonNode> calls = received(path);
        assertEquals(3, calls.size(), "503, 500, then 200");
        assertEquals("Deadline extended: Large account", calls.get(2).path("processing_details").asText());
    }

    @Test
    void aCallbackIsGivenUpAfterTheConfiguredAttempts() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String path = callback(500);
        String requestId = submit(agent, token, "access", path);

        act(requestId, "approve", null).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            delivery.deliverDue();
            return received(path).size() >= 3;
        });
        delivery.deliverDue();
        assertEquals(3, received(path).size(), "max-attempts is 3 in tests; given up: no further attempts");
        // Officers see that the agent was not told. Awaited: the third attempt reaches the agent before the
        // scheduled delivery that made it commits its "given up".
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> drpView(requestId).statusCode(200)
                .body("callback.state", equalTo("given-up"))
                .body("callback.attempts", equalTo(3))
                .body("callback.lastError", equalTo("the agent answered HTTP 500"))
                .body("callback.givenUpAt", notNullValue())
                .body("status.status", equalTo("in_progress")));
        assertEquals(3, received(path).size(), "no attempt after giving up");
        // the agent can still poll the current status
        DrpClient.status(token, requestId).statusCode(200)
                .body("processing_details", equalTo("The request is being carried out."));
    }

    @Test
    void requestsWithoutACallbackQueueNothing() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String requestId = exercise(token, agent.sign(agent.exercise("access", email()))).statusCode(200)
                .extract().path("request_id");
        act(requestId, "approve", null).statusCode(200);
        assertFalse(queued(requestId));
        drpView(requestId).statusCode(200).body("statusCallback", nullValue()).body("callback.state", equalTo("none"));
        // requests that did not come through the protocol have no DRP side
        String web = given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).contentType("application/json")
                .body(Map.of("type", "ACCESS")).when().post("/api/privacy-requests").then().statusCode(201)
                .extract().path("id");
        drpView(web).statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse drpView(String requestId) {
        return given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + requestId + "/drp")
                .then();
    }
}
