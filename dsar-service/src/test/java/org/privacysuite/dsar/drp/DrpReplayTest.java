package org.privacysuite.dsar.drp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacysuite.dsar.drp.DrpClient.email;
import static org.privacysuite.dsar.drp.DrpClient.exercise;
import static org.privacysuite.dsar.drp.DrpClient.newAgent;
import static org.privacysuite.dsar.drp.DrpClient.onboard;
import static org.privacysuite.dsar.drp.DrpClient.onboardedAgent;
import static org.privacysuite.dsar.drp.DrpClient.revoke;
import static org.privacysuite.dsar.drp.DrpClient.setup;
import static org.privacysuite.dsar.drp.DrpClient.status;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.DsarTestBase;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.testsupport.DrpTestAgent;
import org.privacysuite.testsupport.TestTokens;

/** Section 3.07: one signed message is one action, whether it comes again later or twice at once. */
@QuarkusTest
class DrpReplayTest extends DsarTestBase {

    private static long requestsFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> PrivacyRequest.count("email", email));
    }

    @Test
    void aReplayedKeySetupIssuesNoToken() {
        DrpTestAgent agent = newAgent();
        onboard(agent);
        String message = agent.sign(agent.envelope());
        String token = setup(agent.id, message).statusCode(200).extract().path("token");

        setup(agent.id, message).statusCode(403).body(emptyString());
        // the first token was not replaced by the replay
        given().header("Authorization", "Bearer " + token).when().get("/v1/agent/" + agent.id).then().statusCode(200);
    }

    @Test
    void aResentExerciseGetsTheRequestItCreated() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String email = email();
        String message = agent.sign(agent.exercise("deletion", email));

        String first = exercise(token, message).statusCode(200).extract().path("request_id");
        exercise(token, message).statusCode(200).body("request_id", equalTo(first)).body("status", equalTo("in_progress"));
        assertEquals(1, requestsFor(email), "one signed message, one request");

        // the same request in a new message while the first is open is that request (issue #14, duplicates) ...
        exercise(token, agent.sign(agent.exercise("deletion", email))).statusCode(200)
                .body("request_id", equalTo(first));
        assertEquals(1, requestsFor(email));
        // ... and another action for the same person is a new request
        String second = exercise(token, agent.sign(agent.exercise("access", email))).statusCode(200)
                .extract().path("request_id");
        assertEquals(2, requestsFor(email));
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
    }

    @Test
    void anExerciseSentTwiceAtOnceCreatesOneRequest() throws Exception {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String email = email();
        String message = agent.sign(agent.exercise("access", email));

        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<String>> sends = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return exercise(token, message).statusCode(200).extract().<String>path("request_id");
        })).toList();
        String a = sends.get(0).get(30, TimeUnit.SECONDS);
        String b = sends.get(1).get(30, TimeUnit.SECONDS);
        assertEquals(a, b);
        assertEquals(1, requestsFor(email));
    }

    @Test
    void oneRevokeBodyRevokesEachOfTheAgentsRequestsOnce() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String first = exercise(token, agent.sign(agent.exercise("deletion", email()))).statusCode(200)
                .extract().path("request_id");
        String second = exercise(token, agent.sign(agent.exercise("deletion", email()))).statusCode(200)
                .extract().path("request_id");
        String revokeMessage = agent.sign(Map.of("reason", "I changed my mind"));

        revoke(token, first, revokeMessage).statusCode(200).body("status", equalTo("revoked"));
        status(token, second).statusCode(200).body("status", equalTo("in_progress"));
        // DRP 2.04/3.07: the request is named by the URL, so the same signed body revokes the agent's other request
        revoke(token, second, revokeMessage).statusCode(200).body("status", equalTo("revoked"));
        status(token, second).statusCode(200).body("status", equalTo("revoked"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + second)
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        // sending it again for the same request is harmless and acts no second time
        revoke(token, first, revokeMessage).statusCode(200).body("status", equalTo("revoked"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + first + "/audit")
                .then().statusCode(200).body("findAll { it.action == 'revoked' }.size()", equalTo(1));
    }

    @Test
    void aRefusedMessageIsNotRememberedAndCanBeSentOnceFixed() {
        DrpClient.Onboarded onboarded = onboardedAgent();
        DrpTestAgent agent = onboarded.agent();
        String token = onboarded.token();
        String message = agent.sign(agent.exercise("deletion", email()));
        // without a valid token nothing is looked at, so the message stays usable
        exercise("not-a-token", message).statusCode(403);
        exercise(token, message).statusCode(200);
    }
}
