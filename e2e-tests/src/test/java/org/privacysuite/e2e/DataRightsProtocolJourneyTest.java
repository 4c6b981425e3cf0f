package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.DrpTestAgent;

/**
 * An authorised agent exercises a person's right to deletion over the Data Rights Protocol, through the gateway: an
 * officer onboards its key, it sets up its token, submits a signed request with a status callback, and is called
 * back as the request is approved and carried out by every service.
 */
class DataRightsProtocolJourneyTest extends Journey {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer agentServer;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAgentCallbackEndpoint() throws IOException {
        agentServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agentServer.createContext("/update_status", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                callbacks.add(JSON.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        agentServer.start();
    }

    @AfterEach
    void stopAgentCallbackEndpoint() {
        agentServer.stop(0);
    }

    private List<String> statusesPushedFor(String requestId) {
        return callbacks.stream().filter(c -> requestId.equals(c.path("request_id").asText()))
                .map(c -> c.path("status").asText() + "/" + c.path("processing_details").asText("")).toList();
    }

    @Test
    void anAgentsDeletionRequestIsApprovedCarriedOutAndPushedBack() {
        Person person = signUp(Map.of("displayName", "Robin", "city", "Halifax"));
        DrpTestAgent agent = new DrpTestAgent("E2E_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toUpperCase());
        String officer = officerToken();
        as(officer).contentType("application/json")
                .body(Map.of("name", "Consumer Agent", "verifyKey", agent.verifyKey()))
                .when().put("/api/privacy-requests/agents/" + agent.id).then().statusCode(200);

        String token = gateway().contentType("text/plain").body(agent.sign(agent.envelope()))
                .when().post("/v1/agent/" + agent.id).then().statusCode(200)
                .body("agent-id", equalTo(agent.id)).extract().path("token");

        Map<String, Object> claims = agent.exercise("deletion", person.email());
        claims.put("status_callback", "http://127.0.0.1:" + agentServer.getAddress().getPort() + "/update_status");
        String requestId = gateway().header("Authorization", "Bearer " + token).contentType("text/plain")
                .body(agent.sign(claims)).when().post("/v1/data-rights-request")
                .then().statusCode(200).body("status", equalTo("in_progress")).extract().path("request_id");

        as(officer).when().post("/api/privacy-requests/" + requestId + "/approve").then().statusCode(200);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertTrue(
                statusesPushedFor(requestId).contains("fulfilled/"), "pushed so far: " + statusesPushedFor(requestId)));
        List<String> pushed = statusesPushedFor(requestId);
        // Each push carries the status current when it is sent: the approval, unless the services were quicker.
        assertTrue(List.of("in_progress/The request is being carried out.", "fulfilled/").containsAll(pushed),
                "only states the agent had not seen: " + pushed);
        assertEquals("fulfilled/", pushed.get(pushed.size() - 1), "fulfilment pushed last");
        assertEquals(pushed.stream().distinct().count(), pushed.size(), "no status pushed twice: " + pushed);

        gateway().header("Authorization", "Bearer " + token).when().get("/v1/data-rights-request/" + requestId)
                .then().statusCode(200).body("status", equalTo("fulfilled"));
        as(officer).when().get("/api/privacy-requests/" + requestId).then().statusCode(200)
                .body("status", equalTo("FULFILLED")).body("source", equalTo("AUTHORISED_AGENT"));
    }

    /**
     * The agent asks for a person's data: the data goes to the person, as a download link mailed to the address the
     * agent gave, not to the agent, whose status says so.
     */
    @Test
    void anAgentsAccessRequestDeliversTheDataToThePersonsMailbox() {
        Mails mails = new Mails(suite.mail());
        String email = "drp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        gateway().contentType("application/json").body(Map.of("email", email, "topics", List.of("appliances")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String confirm = Mails.find(Mails.body(mails.awaitMail(email, 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", confirm))
                .when().post("/api/newsletter/subscriptions/confirm").then().statusCode(200);

        DrpTestAgent agent = new DrpTestAgent("E2E_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toUpperCase());
        String officer = officerToken();
        as(officer).contentType("application/json")
                .body(Map.of("name", "Consumer Agent", "verifyKey", agent.verifyKey()))
                .when().put("/api/privacy-requests/agents/" + agent.id).then().statusCode(200);
        String token = gateway().contentType("text/plain").body(agent.sign(agent.envelope()))
                .when().post("/v1/agent/" + agent.id).then().statusCode(200).extract().path("token");
        String requestId = gateway().header("Authorization", "Bearer " + token).contentType("text/plain")
                .body(agent.sign(agent.exercise("access", email))).when().post("/v1/data-rights-request")
                .then().statusCode(200).extract().path("request_id");
        as(officer).when().post("/api/privacy-requests/" + requestId + "/approve").then().statusCode(200);

        String link = mails.awaitFind(email, "(http://\\S+/export\\?token=[A-Za-z0-9_-]+)");
        assertTrue(link.startsWith(suite.gateway()), "the link points at the gateway: " + link);
        String export = given().urlEncodingEnabled(false).when().get(link).then().statusCode(200).extract().asString();
        assertTrue(export.contains(email) && export.contains("appliances"), "the newsletter's data: " + export);
        gateway().header("Authorization", "Bearer " + token).when().get("/v1/data-rights-request/" + requestId)
                .then().statusCode(200).body("status", equalTo("fulfilled"))
                .body("processing_details", containsString("emailed"));
    }
}
