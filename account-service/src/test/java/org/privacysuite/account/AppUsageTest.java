package org.privacysuite.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.domain.UsageWithdrawal;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.testsupport.ConsentStub;

/**
 * Acceptance 5: app usage data is stored with consent, refused without it, and stopped (and deleted) right after a
 * withdrawal. consent-service's /check is the contract-faithful {@link ConsentStub} shared with its own tests.
 */
@QuarkusTest
class AppUsageTest extends AccountTestBase {

    static final String PURPOSE = "app-usage-data";

    static Map<String, Object> usage(String appliance, String program, Object duration) {
        Map<String, Object> body = new HashMap<>();
        body.put("appliance", appliance);
        body.put("program", program);
        body.put("duration", duration);
        return body;
    }

    static ValidatableResponse post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/accounts/me/app-usage").then();
    }

    static ValidatableResponse list(String token) {
        return given().auth().oauth2(token).when().get("/api/accounts/me/app-usage").then();
    }

    @Test
    void usageIsStoredWithConsentAndListedToItsOwner() {
        User user = newUser();
        User other = newUser();
        ConsentStub.grant(user.id(), PURPOSE);
        String token = user.token();
        Map<String, Object> body = usage("oven", "pizza", "PT45M");
        body.put("startedAt", Instant.now().minusSeconds(3600).toString());
        post(token, body).statusCode(201)
                .body("appliance", equalTo("oven"))
                .body("program", equalTo("pizza"))
                .body("duration", equalTo("PT45M"))
                .body("durationSeconds", equalTo(2700));
        post(token, usage("washer", "eco", 5400)).statusCode(201).body("duration", equalTo("PT1H30M"));
        list(token).statusCode(200).body("", hasSize(2))
                .body("[0].appliance", equalTo("washer")) // newest first
                .body("[1].appliance", equalTo("oven"));
        list(other.token()).statusCode(200).body("", empty());
        assertEquals(2, ConsentStub.checksFor(user.id(), PURPOSE), "every event asks consent-service");
    }

    @Test
    void withoutConsentNothingIsStoredAndTheProblemNamesTheMissingConsent() {
        User user = newUser();
        String token = user.token();
        // no decision at all
        post(token, usage("oven", "grill", "PT10M")).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/consent-missing"))
                .body("detail", containsString(PURPOSE));
        // refused
        ConsentStub.refuse(user.id(), PURPOSE);
        post(token, usage("oven", "grill", "PT10M")).statusCode(403).body("detail", containsString("refused"));
        // consent-service cannot answer: fail closed
        ConsentStub.fail(user.id(), PURPOSE);
        post(token, usage("oven", "grill", "PT10M")).statusCode(503).contentType("application/problem+json");
        list(token).statusCode(200).body("", empty());
        assertEquals(0, countRows("app_usage_event", user.id()));
    }

    @Test
    void withdrawalStopsCollectionAtOnceAndDeletesWhatWasCollected() throws Exception {
        User user = newUser();
        String token = user.token();
        ConsentStub.grant(user.id(), PURPOSE);
        post(token, usage("oven", "bake", "PT30M")).statusCode(201);
        post(token, usage("oven", "roast", "PT50M")).statusCode(201);

        // The person withdraws in consent-service: its /check says no at once, and the change goes out on Kafka.
        ConsentStub.refuse(user.id(), PURPOSE);
        post(token, usage("oven", "after", "PT5M")).statusCode(403);
        send(UUID.randomUUID().toString(), new ConsentChanged(user.id(), PURPOSE, false, 1, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(token).statusCode(200).body("", empty()));
        List<UsageWithdrawal> withdrawals = QuarkusTransaction.requiringNew().call(() -> UsageWithdrawal.of(user.id()));
        assertEquals(1, withdrawals.size());
        assertEquals(2, withdrawals.get(0).deletedCount, "the withdrawal records how much it deleted");
    }

    @Test
    void aGrantReportedBeforeAWithdrawalIsNotTrusted() throws Exception {
        User user = newUser();
        String token = user.token();
        ConsentStub.grant(user.id(), PURPOSE); // the stub's grant was decided in the past
        post(token, usage("fridge", "door-open", "PT1M")).statusCode(201);

        // The withdrawal event arrives while a stale answer (the older grant) is still being served.
        send(UUID.randomUUID().toString(), new ConsentChanged(user.id(), PURPOSE, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(token).statusCode(200).body("", empty()));
        post(token, usage("fridge", "door-open", "PT1M")).statusCode(403)
                .body("detail", containsString("withdrawn"));
        list(token).statusCode(200).body("", empty());
    }

    @Test
    void otherPurposesAndGrantsDoNotDeleteUsageData() throws Exception {
        User user = newUser();
        String token = user.token();
        ConsentStub.grant(user.id(), PURPOSE);
        post(token, usage("hob", "boil", "PT8M")).statusCode(201);
        send(UUID.randomUUID().toString(), new ConsentChanged(user.id(), "analytics-cookies", false, 1, Instant.now()));
        send(UUID.randomUUID().toString(), new ConsentChanged(user.id(), PURPOSE, true, 1, Instant.now()));
        // Same key, same partition: this withdrawal is applied after the two events above.
        send(UUID.randomUUID().toString(), new ConsentChanged(user.id(), PURPOSE, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> !QuarkusTransaction.requiringNew().call(() -> UsageWithdrawal.of(user.id())).isEmpty());
        List<UsageWithdrawal> withdrawals = QuarkusTransaction.requiringNew().call(() -> UsageWithdrawal.of(user.id()));
        assertEquals(1, withdrawals.size(), "only the withdrawal of app-usage-data acts");
        assertEquals(1, withdrawals.get(0).deletedCount, "the event was still there when the withdrawal came");
    }

    @Test
    void badUsageInputIsRefused() {
        User user = newUser();
        String token = user.token();
        ConsentStub.grant(user.id(), PURPOSE);
        post(token, usage("oven", "bake", "-PT5M")).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("duration"));
        post(token, usage("oven", "bake", "PT48H")).statusCode(400);
        post(token, usage("", "bake", "PT5M")).statusCode(400).body("errors[0].field", equalTo("appliance"));
        post(token, usage("oven", "bake", "forever")).statusCode(400);
        Map<String, Object> unknown = usage("oven", "bake", "PT5M");
        unknown.put("location", "kitchen");
        post(token, unknown).statusCode(400).body("errors[0].field", equalTo("location"));
        post(token, usage("oven", "b".repeat(101), "PT5M")).statusCode(400);
        post(serviceToken(), usage("oven", "bake", "PT5M")).statusCode(403);
        given().contentType(ContentType.JSON).body(usage("oven", "bake", "PT5M"))
                .when().post("/api/accounts/me/app-usage").then().statusCode(401);
        list(token).statusCode(200).body("", empty());
    }
}
