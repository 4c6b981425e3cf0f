package org.privacysuite.account;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.service.LifecycleJob;
import java.util.UUID;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TopicReader;

/**
 * Acceptance 1 (closure with and without holds against the real Keycloak, events on Kafka in order) and 2 (only the
 * service role manages holds; nobody closes another's account).
 */
@QuarkusTest
class ClosureTest extends AccountTestBase {

    private static final String CLOSED = "account.closed.v1";
    private static final String PENDING = "account.closure-pending.v1";

    @Inject
    LifecycleJob job;

    @Inject
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * The Keycloak user is disabled (no sign-in, no session) but kept, with its verified e-mail, until the erasure
     * request the closure starts: dsar-service reads that address at the start of the request to reach the person's
     * newsletter subscription. The erasure deletes it ({@link ErasureTest}).
     */
    @Test
    void closureWithoutHoldClosesAtOnceAndDisablesTheKeycloakUserUntilTheErasure() throws Exception {
        User user = newUser(Map.of("displayName", "Leaving", "bio", "bye"), List.of("displayName"));
        String token = user.token();
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS)) {
            requestClosure(token).statusCode(200).contentType(ContentType.JSON)
                    .body("status", equalTo("CLOSED"))
                    .body("holds", empty())
                    .body("expectedClosureAt", nullValue())
                    .body("closedAt", notNullValue());

            assertFalse(keycloakUser(user.id()).orElseThrow().enabled(), "the Keycloak user is disabled");
            assertThrows(IllegalStateException.class, () -> KeycloakServer.passwordToken(user.username(), PASSWORD));

            List<ConsumerRecord<String, byte[]>> closed = events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 1);
            assertEquals(1, closed.size());
            assertEquals(CLOSED, TopicReader.header(closed.get(0), "ce_type"));
            assertEquals("/privacy-suite/account-service", TopicReader.header(closed.get(0), "ce_source"));
            JsonNode data = json.readTree(closed.get(0).value());
            assertEquals(user.id(), data.get("subjectId").asText());
            assertTrue(data.get("holds").isEmpty());
            assertFalse(data.get("closedAt").isNull());
        }
        // The token is still valid for minutes, but there is no account behind it any more.
        me(token).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/account-closed"));
        requestClosure(token).statusCode(404);
        // What remains here is a tombstone without personal data.
        var tombstone = row(user.id()).orElseThrow();
        assertEquals(AccountStatus.CLOSED, tombstone.status);
        assertNull(tombstone.username);
        assertNull(tombstone.displayName);
        assertNull(tombstone.bio);
    }

    @Test
    void closureWaitsForAHoldCanBeCancelledAndCompletesWhenTheHoldIsReleased() throws Exception {
        User user = newUser();
        String token = user.token();
        Instant until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS)) {
            String holdId = addHold(user.id(), "RETURN_WINDOW", until, "order-1001").statusCode(201)
                    .body("reason", equalTo("RETURN_WINDOW"))
                    .body("until", equalTo(until.toString()))
                    .body("reference", equalTo("order-1001"))
                    .extract().path("id");

            requestClosure(token).statusCode(202)
                    .body("status", equalTo("CLOSURE_PENDING"))
                    .body("holds", hasSize(1))
                    .body("holds[0].id", equalTo(holdId))
                    .body("holds[0].reason", equalTo("RETURN_WINDOW"))
                    .body("expectedClosureAt", equalTo(until.toString()));
            // Still a working account while pending: the person can sign in and sees why it waits.
            me(user.token()).statusCode(200).body("status", equalTo("CLOSURE_PENDING"))
                    .body("closure.expectedClosureAt", equalTo(until.toString()));
            assertTrue(keycloakUser(user.id()).orElseThrow().enabled());
            // Asking again changes nothing.
            requestClosure(token).statusCode(202).body("status", equalTo("CLOSURE_PENDING"));

            cancelClosure(token).statusCode(200).body("status", equalTo("ACTIVE"));
            me(token).statusCode(200).body("status", equalTo("ACTIVE"));
            cancelClosure(token).statusCode(409).contentType("application/problem+json");

            // Asked again, the closure waits again; releasing the only hold completes it at once.
            requestClosure(token).statusCode(202);
            releaseHold(user.id(), holdId).statusCode(204);

            assertFalse(keycloakUser(user.id()).orElseThrow().enabled(), "releasing the last hold completed the closure");
            me(token).statusCode(404);
            releaseHold(user.id(), holdId).statusCode(404);

            List<ConsumerRecord<String, byte[]>> mine = events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 3);
            mine.addAll(events.readFor(Duration.ofSeconds(2), r -> user.id().equals(r.key())));
            assertEquals(List.of(PENDING, PENDING, CLOSED),
                    mine.stream().map(r -> TopicReader.header(r, "ce_type")).toList(), "events in order, once each");
            JsonNode pending = json.readTree(mine.get(0).value());
            assertEquals(until.toString(), pending.get("expectedClosureAt").asText());
            assertEquals("order-1001", pending.get("holds").get(0).get("reference").asText());
            JsonNode closed = json.readTree(mine.get(2).value());
            assertEquals(holdId, closed.get("holds").get(0).get("holdId").asText());
        }
    }

    @Test
    void holdsThatPassTheirEndDateLetTheJobCloseTheAccount() throws Exception {
        User user = newUser();
        Instant soon = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant later = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        addHold(user.id(), "RETURN_WINDOW", soon, "order-1").statusCode(201);
        addHold(user.id(), "WARRANTY_CLAIM", later, "claim-7").statusCode(201);
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS)) {
            requestClosure(user.token()).statusCode(202).body("holds", hasSize(2))
                    .body("expectedClosureAt", equalTo(later.toString()));

            MovableClock.advance(Duration.ofDays(3));
            job.runOnce();
            assertEquals(AccountStatus.CLOSURE_PENDING, row(user.id()).orElseThrow().status, "one hold still runs");
            assertTrue(keycloakUser(user.id()).isPresent());

            MovableClock.advance(Duration.ofDays(3));
            assertTrue(job.runOnce().ran());
            assertEquals(AccountStatus.CLOSED, row(user.id()).orElseThrow().status);
            assertFalse(keycloakUser(user.id()).orElseThrow().enabled());
            List<ConsumerRecord<String, byte[]>> mine = events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 2);
            assertEquals(List.of(PENDING, CLOSED), mine.stream().map(r -> TopicReader.header(r, "ce_type")).toList());
            assertEquals(2, json.readTree(mine.get(1).value()).get("holds").size());
        }
    }

    @Test
    void onlyTheServiceRoleManagesHoldsAndNobodyClosesAnothersAccount() {
        User owner = newUser();
        User other = newUser();
        Instant until = Instant.now().plus(Duration.ofDays(10));
        Map<String, Object> hold = Map.of("reason", "RETURN_WINDOW", "until", until.toString(), "reference", "o-1");

        // the owner (role user) can neither add nor remove holds, not even on their own account
        given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(hold)
                .when().post("/api/accounts/" + owner.id() + "/holds").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(hold)
                .when().post("/api/accounts/" + owner.id() + "/holds").then().statusCode(401);
        String holdId = addHold(owner.id(), "RETURN_WINDOW", until, "o-1").statusCode(201).extract().path("id");
        given().auth().oauth2(owner.token()).when().delete("/api/accounts/" + owner.id() + "/holds/" + holdId)
                .then().statusCode(403);
        given().auth().oauth2(owner.token()).when().get("/api/accounts/" + owner.id() + "/holds")
                .then().statusCode(403);
        // a hold is released only under its own account
        releaseHold(other.id(), holdId).statusCode(404);
        given().auth().oauth2(serviceToken()).when().get("/api/accounts/" + owner.id() + "/holds")
                .then().statusCode(200).body("", hasSize(1)).body("[0].releasedAt", nullValue());

        // closure only ever concerns the token's own account; a service token cannot close anyone's
        requestClosure(other.token()).statusCode(200).body("status", equalTo("CLOSED"));
        me(owner.token()).statusCode(200).body("status", equalTo("ACTIVE"));
        assertTrue(keycloakUser(owner.id()).isPresent());
        requestClosure(serviceToken()).statusCode(403);
        given().when().post("/api/accounts/me/closure").then().statusCode(401);
        given().auth().oauth2(owner.token()).when().post("/api/accounts/" + owner.id() + "/closure")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(405)));
    }

    @Test
    void invalidHoldsAreRefused() {
        User user = newUser();
        addHold(user.id(), "RETURN_WINDOW", Instant.now().minusSeconds(60), "o-1").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("until"));
        addHold(user.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(20_000)), "o-1").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("until"));
        // Far dates: year 9999 (beyond the 10-year bound), the last Instant, and one beyond what Instant can hold.
        for (String farDate : List.of("9999-12-31T23:59:59Z", Instant.MAX.toString(), "+1000000001-01-01T00:00:00Z")) {
            given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                    .body(Map.of("reason", "RETURN_WINDOW", "until", farDate, "reference", "o-far"))
                    .when().post("/api/accounts/" + user.id() + "/holds").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("until"));
        }
        // Refused before the account is looked up: an unknown account with a bad date is a 400, not a 404.
        addHold(java.util.UUID.randomUUID().toString(), "RETURN_WINDOW", Instant.now().minusSeconds(60), "o-1")
                .statusCode(400).body("errors[0].field", equalTo("until"));
        addHold(user.id(), "return window", Instant.now().plusSeconds(3600), "o-1").statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        addHold(java.util.UUID.randomUUID().toString(), "RETURN_WINDOW", Instant.now().plusSeconds(3600), "o-1")
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("reason", "RETURN_WINDOW", "until", "tomorrow"))
                .when().post("/api/accounts/" + user.id() + "/holds").then().statusCode(400);
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("reason", "RETURN_WINDOW", "until", Instant.now().plusSeconds(60).toString(), "note", "x"))
                .when().post("/api/accounts/" + user.id() + "/holds").then().statusCode(400);
        given().auth().oauth2(serviceToken()).when().get("/api/accounts/" + user.id() + "/holds")
                .then().statusCode(200).body("", empty());
    }

    @Test
    void keycloakFailingToDeleteTheClosedAccountsUserIsRetriedByTheJob() throws Exception {
        User user = newUser();
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS);
                TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            requestClosure(user.token()).statusCode(200).body("status", equalTo("CLOSED"));
            assertEquals(CLOSED, TopicReader.header(events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 1).get(0), "ce_type"));
            assertNull(row(user.id()).orElseThrow().username, "the profile is emptied at once");

            // The erasure the closure started comes while Keycloak cannot delete: no answer yet, nothing lost.
            FaultyKeycloakAccounts.FAIL_DELETE.add(user.id());
            send(UUID.randomUUID().toString(), new ErasureRequested(UUID.randomUUID(), user.id(), Identities.none(),
                    ErasureMode.FULL));
            assertTrue(results.readFor(Duration.ofSeconds(3), r -> erasureAnswer(r, user.id())).isEmpty());
            job.runOnce(); // still failing: retried
            assertTrue(keycloakUser(user.id()).isPresent());

            FaultyKeycloakAccounts.FAIL_DELETE.clear();
            job.runOnce();
            assertTrue(keycloakUser(user.id()).isEmpty());
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(20), r -> erasureAnswer(r, user.id()), 1)
                    .get(0).value());
            assertEquals("ERASED", answer.get("outcome").asText());
            assertTrue(answer.get("records").toString().contains("{\"recordType\":\"keycloak-user\",\"action\":\"DELETE\",\"count\":1}"),
                    answer.toString());
            assertFalse(row(user.id()).isPresent());
        }
    }

    /** If the erasure request an owner's closure starts never comes, the disabled Keycloak user still goes. */
    @Test
    void aClosedAccountsKeycloakUserGoesAfterItsRetentionWithoutAnErasure() {
        User user = newUser();
        requestClosure(user.token()).statusCode(200).body("status", equalTo("CLOSED"));
        MovableClock.advance(Duration.ofDays(29));
        job.runOnce();
        assertTrue(keycloakUser(user.id()).isPresent(), "kept for the erasure request within the retention");

        MovableClock.advance(Duration.ofDays(2));
        job.runOnce();
        assertTrue(keycloakUser(user.id()).isEmpty(), "deleted once account.closure.identity-retention passed");
        var tombstone = row(user.id()).orElseThrow();
        assertEquals(AccountStatus.CLOSED, tombstone.status);
        assertTrue(tombstone.identityDeletedAt != null);
    }

    private static boolean erasureAnswer(ConsumerRecord<String, byte[]> record, String subject) {
        return subject.equals(record.key()) && "privacy.erasure.completed.v1".equals(TopicReader.header(record, "ce_type"))
                && "/privacy-suite/account-service".equals(TopicReader.header(record, "ce_source"));
    }

    @Test
    void keycloakUnavailableAtClosureChangesNothing() {
        User user = newUser();
        FaultyKeycloakAccounts.FAIL_DISABLE.add(user.id());
        requestClosure(user.token()).statusCode(503).contentType("application/problem+json");
        me(user.token()).statusCode(200).body("status", equalTo("ACTIVE"));
        assertTrue(keycloakUser(user.id()).orElseThrow().enabled());
    }

    @Test
    void theJobRunsOnOneReplicaAtATime() throws Exception {
        User user = newUser();
        String holdId = addHold(user.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(1)), "o-9")
                .statusCode(201).extract().path("id");
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS)) {
            requestClosure(user.token()).statusCode(202);
            MovableClock.advance(Duration.ofDays(2)); // the hold has passed its end date: the next round closes

            // Another replica holds the lease: this one skips its round.
            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                try (Statement lock = other.createStatement();
                        ResultSet rs = lock.executeQuery(
                                "SELECT name FROM account_job_lease WHERE name = 'lifecycle' FOR UPDATE")) {
                    assertTrue(rs.next());
                    assertFalse(job.runOnce().ran());
                    assertEquals(AccountStatus.CLOSURE_PENDING, row(user.id()).orElseThrow().status);
                }
                other.rollback();
            }

            // Two replicas at once: one round closes the account, exactly one account.closed.v1.
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<LifecycleJob.Round> a = CompletableFuture.supplyAsync(() -> await(start));
            CompletableFuture<LifecycleJob.Round> b = CompletableFuture.supplyAsync(() -> await(start));
            start.countDown();
            a.get();
            b.get();
            assertEquals(AccountStatus.CLOSED, row(user.id()).orElseThrow().status);
            assertFalse(keycloakUser(user.id()).orElseThrow().enabled());
            List<ConsumerRecord<String, byte[]>> mine = events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 2);
            mine.addAll(events.readFor(Duration.ofSeconds(2), r -> user.id().equals(r.key())));
            assertEquals(List.of(PENDING, CLOSED), mine.stream().map(r -> TopicReader.header(r, "ce_type")).toList());
        }
        releaseHold(user.id(), holdId).statusCode(404); // the closed account's holds were removed with it
    }

    private LifecycleJob.Round await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return job.runOnce();
    }
}
