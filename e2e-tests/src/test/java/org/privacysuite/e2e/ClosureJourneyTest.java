package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TopicReader;

/**
 * Journey 5. "You can close your account at any time ... your account is deleted as soon as any outstanding issue,
 * such as your right to return merchandise ..., is resolved."
 */
class ClosureJourneyTest extends Journey {

    @Test
    void closureWaitsForTheReturnWindowThenEverythingIsErased() {
        Person person = signUp(Map.of("displayName", "Sam", "city", "Quebec"));
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("app-usage-data", true), "method", "custom"))
                .auth().oauth2(person.token()).when().put("/api/consent/me").then().statusCode(200);

        String service = serviceToken();
        try (TopicReader accountEvents = new TopicReader("account.events", suite.kafka())) {
            String holdId = as(service).contentType("application/json")
                    .body(Map.of("reason", "RETURN_WINDOW", "until", Instant.now().plus(30, ChronoUnit.DAYS).toString(),
                            "reference", "order-4711"))
                    .when().post("/api/accounts/" + person.id() + "/holds")
                    .then().statusCode(201).extract().path("id");

            as(person.token()).when().post("/api/accounts/me/closure")
                    .then().statusCode(202)
                    .body("status", equalTo("CLOSURE_PENDING"))
                    .body("holds", hasSize(1))
                    .body("holds[0].reference", equalTo("order-4711"))
                    .body("expectedClosureAt", notNullValue());
            // While it waits the person can still sign in; the public profile is already gone.
            gateway().when().get("/api/accounts/" + person.username() + "/public").then().statusCode(404);

            as(service).when().delete("/api/accounts/" + person.id() + "/holds/" + holdId).then().statusCode(204);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThrows(IllegalStateException.class,
                    () -> KeycloakServer.passwordToken(person.username(), person.password()), "the Keycloak user is gone"));

            List<ConsumerRecord<String, byte[]>> events = accountEvents.read(Duration.ofSeconds(30),
                    r -> person.id().equals(r.key()), 2);
            assertEquals(List.of("account.closure-pending.v1", "account.closed.v1"),
                    events.stream().map(r -> TopicReader.header(r, "ce_type")).toList(), "announced in order");
        }

        String officer = officerToken();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonPath requests = as(officer).queryParam("type", "ERASURE")
                    .queryParam("source", "ACCOUNT_CLOSURE").queryParam("limit", 200).when().get("/api/privacy-requests")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> mine = requests.getList("findAll { it.subjectId == '" + person.id() + "' }");
            assertEquals(1, mine.size(), "an erasure request was opened by the closure");
            assertEquals("ACCOUNT_CLOSURE", mine.get(0).get("source"));
            assertEquals("FULFILLED", mine.get(0).get("status"), "every service answered");
        });

        // Afterwards no service returns the person's data.
        as(service).queryParam("subject", person.id()).queryParam("purpose", "app-usage-data")
                .when().get("/api/consent/check").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("no-decision"));
        gateway().when().get("/api/accounts/" + person.username() + "/public").then().statusCode(404);
    }
}
