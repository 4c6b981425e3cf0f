package org.privacysuite.dsar.drp;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.privacysuite.testsupport.DrpTestAgent;
import org.privacysuite.testsupport.TestTokens;

/** The DRP calls of the tests, as an authorised agent (and the officer onboarding it) makes them. */
final class DrpClient {

    private DrpClient() {
    }

    static DrpTestAgent newAgent() {
        return new DrpTestAgent("AA_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase());
    }

    static ValidatableResponse putAgent(String token, String agentId, Object body) {
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().put("/api/privacy-requests/agents/" + agentId).then();
    }

    static void onboard(DrpTestAgent agent) {
        putAgent(TestTokens.officer(), agent.id, Map.of("name", "Agent " + agent.id, "verifyKey", agent.verifyKey()))
                .statusCode(200);
    }

    static ValidatableResponse setup(String agentId, String body) {
        return given().contentType("text/plain").body(body).when().post("/v1/agent/" + agentId).then();
    }

    static String token(DrpTestAgent agent) {
        return setup(agent.id, agent.sign(agent.envelope())).statusCode(200).extract().path("token");
    }

    static ValidatableResponse exercise(String token, String body) {
        var request = given().contentType("text/plain").body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/v1/data-rights-request").then();
    }

    static ValidatableResponse status(String token, String requestId) {
        return given().header("Authorization", "Bearer " + token)
                .when().get("/v1/data-rights-request/" + requestId).then();
    }

    static ValidatableResponse revoke(String token, String requestId, String body) {
        return given().header("Authorization", "Bearer " + token).contentType("text/plain").body(body)
                .when().delete("/v1/data-rights-request/" + requestId).then();
    }

    static String email() {
        return "drp-" + UUID.randomUUID() + "@example.com";
    }

    /** An agent an officer has onboarded, with the bearer token of its key setup. */
    record Onboarded(DrpTestAgent agent, String token) {
    }

    static Onboarded onboardedAgent() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        return new Onboarded(agent, token(agent));
    }
}
