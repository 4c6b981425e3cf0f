package org.privacysuite.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.service.LifecycleJob;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TopicReader;

/** Acceptance 4: erasure with an active hold answers DEFERRED, then ERASED once the hold ends, each exactly once. */
@QuarkusTest
class ErasureTest extends AccountTestBase {

    private static final String ERASURE_COMPLETED = "privacy.erasure.completed.v1";
    private static final String SOURCE = "/privacy-suite/account-service";
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    LifecycleJob job;

    @Test
    void erasureWithAnActiveHoldIsDeferredThenErasedEachExactlyOnce() throws Exception {
        User user = newUser(Map.of("displayName", "Erase Me", "bio", "soon gone"), List.of("displayName"));
        ConsentStub.grant(user.id(), "app-usage-data");
        AppUsageTest.post(user.token(), AppUsageTest.usage("oven", "pizza", "PT20M")).statusCode(201);
        Instant until = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS);
        String holdId = addHold(user.id(), "RETURN_WINDOW", until, "order-77").statusCode(201).extract().path("id");

        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ErasureRequested request = new ErasureRequested(requestId, user.id(), Identities.none(), ErasureMode.FULL);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS);
                TopicReader accountEvents = new TopicReader(Topics.ACCOUNT_EVENTS)) {
            send(eventId, request);
            send(eventId, request); // redelivered

            List<ConsumerRecord<String, byte[]>> deferred = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            deferred.addAll(results.readFor(Duration.ofSeconds(3), answersTo(user.id())));
            assertEquals(1, deferred.size(), "one DEFERRED answer");
            JsonNode first = json.readTree(deferred.get(0).value());
            assertEquals(requestId.toString(), first.get("requestId").asText());
            assertEquals("account-service", first.get("service").asText());
            assertEquals("DEFERRED", first.get("outcome").asText());
            assertEquals(until.toString(), first.get("deferredUntil").asText());
            assertTrue(first.get("reason").asText().contains("RETURN_WINDOW"));
            assertEquals(1, counts(first).get("app-usage-event"), "consent-based data goes at once");
            assertTrue(first.get("retained").toString().contains("account-profile"));

            // Meanwhile the account waits: nothing public, no new usage data, the owner cannot cancel the erasure.
            publicProfile(user.username()).statusCode(404);
            cancelClosure(user.token()).statusCode(409);
            assertTrue(keycloakUser(user.id()).isPresent());

            releaseHold(user.id(), holdId).statusCode(204);

            List<ConsumerRecord<String, byte[]>> finals = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            finals.addAll(results.readFor(Duration.ofSeconds(3), answersTo(user.id())));
            assertEquals(1, finals.size(), "one final answer");
            JsonNode last = json.readTree(finals.get(0).value());
            assertEquals(requestId.toString(), last.get("requestId").asText());
            assertEquals("ERASED", last.get("outcome").asText());
            Map<String, Long> counts = counts(last);
            assertEquals(1, counts.get("keycloak-user"));
            assertEquals(1, counts.get("account-profile"));
            assertEquals(1, counts.get("account-hold"));
            assertEquals(1, counts.get("app-usage-event"), "includes what the DEFERRED answer reported");
            assertTrue(counts.get("account-status-history") >= 3);

            // Erased: no Keycloak user, no rows; and no account.closed.v1 (dsar-service already runs this request).
            assertTrue(keycloakUser(user.id()).isEmpty());
            assertFalse(row(user.id()).isPresent());
            assertEquals(0, countRows("account_hold", user.id()));
            assertEquals(0, countRows("account_status_change", user.id()));
            assertEquals(0, countRows("app_usage_event", user.id()));
            assertTrue(accountEvents.readFor(Duration.ofSeconds(1), r -> user.id().equals(r.key())).isEmpty());

            // The job has nothing more to say about this request.
            job.runOnce();
            assertEquals(0, results.readFor(Duration.ofSeconds(2), answersTo(user.id())).size());
        }
    }

    @Test
    void aDeferredRequestAskedAgainGetsTheCurrentExpectedDate() throws Exception {
        User user = newUser();
        Instant first = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant second = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        String a = addHold(user.id(), "RETURN_WINDOW", first, "order-a").statusCode(201).extract().path("id");
        ErasureRequested request = new ErasureRequested(UUID.randomUUID(), user.id(), Identities.none(),
                ErasureMode.FULL);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), request);
            JsonNode deferred = json.readTree(results.read(Duration.ofSeconds(30), answersTo(user.id()), 1).get(0).value());
            assertEquals(first.toString(), deferred.get("deferredUntil").asText());

            String b = addHold(user.id(), "WARRANTY_CLAIM", second, "claim-b").statusCode(201).extract().path("id");
            send(UUID.randomUUID().toString(), request); // dsar-service re-asks
            JsonNode again = json.readTree(results.read(Duration.ofSeconds(30), answersTo(user.id()), 1).get(0).value());
            assertEquals("DEFERRED", again.get("outcome").asText());
            assertEquals(second.toString(), again.get("deferredUntil").asText());
            assertTrue(again.get("reason").asText().contains("WARRANTY_CLAIM"));

            releaseHold(user.id(), a).statusCode(204);
            assertTrue(keycloakUser(user.id()).isPresent(), "the second hold still keeps the account");
            releaseHold(user.id(), b).statusCode(204);
            List<ConsumerRecord<String, byte[]>> finals = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            finals.addAll(results.readFor(Duration.ofSeconds(3), answersTo(user.id())));
            assertEquals(1, finals.size());
            assertEquals("ERASED", json.readTree(finals.get(0).value()).get("outcome").asText());
            assertEquals(2, counts(json.readTree(finals.get(0).value())).get("account-hold"));
        }
    }

    @Test
    void erasureWithoutHoldsErasesOnce() throws Exception {
        User user = newUser();
        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ErasureRequested request = new ErasureRequested(requestId, user.id(), Identities.none(), ErasureMode.FULL);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(eventId, request);
            send(eventId, request);
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            answers.addAll(results.readFor(Duration.ofSeconds(3), answersTo(user.id())));
            assertEquals(1, answers.size());
            JsonNode answer = json.readTree(answers.get(0).value());
            assertEquals("ERASED", answer.get("outcome").asText());
            assertEquals(1, counts(answer).get("keycloak-user"));
            assertTrue(keycloakUser(user.id()).isEmpty());
            assertFalse(row(user.id()).isPresent());

            // dsar-service asking again for the same request gets the same answer again.
            send(UUID.randomUUID().toString(), request);
            List<ConsumerRecord<String, byte[]>> again = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            assertEquals(json.readTree(answers.get(0).value()), json.readTree(again.get(0).value()));
        }
    }

    @Test
    void erasureAfterTheOwnerClosedTheAccountRemovesTheTombstone() throws Exception {
        User user = newUser();
        requestClosure(user.token()).statusCode(200);
        assertTrue(row(user.id()).isPresent());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(),
                    new ErasureRequested(UUID.randomUUID(), user.id(), Identities.none(), ErasureMode.FULL));
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(30), answersTo(user.id()), 1).get(0).value());
            assertEquals("ERASED", answer.get("outcome").asText());
            assertEquals(1, counts(answer).get("keycloak-user"), "kept, disabled, from the closure to this request");
            assertEquals(1, counts(answer).get("account-profile"));
            assertFalse(row(user.id()).isPresent());
            assertTrue(keycloakUser(user.id()).isEmpty());
        }
    }

    /** A request that names only an address erases the account only if its owner verified that address. */
    @Test
    void anAddressReachesOnlyTheAccountThatVerifiedIt() throws Exception {
        User user = newUser();
        String byAddress = "request:" + UUID.randomUUID();
        Identities address = new Identities(List.of(user.email()), List.of());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), new ErasureRequested(UUID.randomUUID(), byAddress, address,
                    ErasureMode.FULL));
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(30), answersTo(byAddress), 1).get(0).value());
            assertEquals("NOTHING_FOUND", answer.get("outcome").asText(), "someone merely typed this address");
            assertTrue(keycloakUser(user.id()).orElseThrow().enabled());

            verifyEmail(user.id());
            send(UUID.randomUUID().toString(), new ErasureRequested(UUID.randomUUID(), byAddress, address,
                    ErasureMode.FULL));
            answer = json.readTree(results.read(Duration.ofSeconds(30), answersTo(byAddress), 1).get(0).value());
            assertEquals("ERASED", answer.get("outcome").asText());
            assertTrue(keycloakUser(user.id()).isEmpty());
        }
    }

    @Test
    void erasureOfAnUnknownSubjectFindsNothing() throws Exception {
        String subject = UUID.randomUUID().toString();
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), new ErasureRequested(UUID.randomUUID(), subject,
                    new Identities(List.of("unknown-" + subject + "@example.com"), List.of()), ErasureMode.FULL));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30), answersTo(subject), 1);
            assertEquals(1, answers.size());
            assertEquals("NOTHING_FOUND", json.readTree(answers.get(0).value()).get("outcome").asText());
        }
    }

    /**
     * A cookie-only request reaches no account: its events carry the request's stand-in key, which names no user, so
     * Keycloak is not asked (here a look-up of that key would fail as if Keycloak were down) and both kinds are
     * answered NOTHING_FOUND / with empty data at once.
     */
    @Test
    void aRequestsStandInKeyIsAnsweredWithoutAskingKeycloak() throws Exception {
        UUID requestId = UUID.randomUUID();
        String standIn = "request:" + requestId;
        FaultyKeycloakAccounts.FAIL_LOOKUP.add(standIn);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), new ErasureRequested(requestId, standIn,
                    new Identities(List.of(), List.of(UUID.randomUUID().toString())), ErasureMode.FULL));
            JsonNode erasure = json.readTree(results.read(Duration.ofSeconds(30), answersTo(standIn), 1).get(0).value());
            assertEquals("NOTHING_FOUND", erasure.get("outcome").asText());

            UUID accessId = UUID.randomUUID();
            String accessStandIn = "request:" + accessId;
            FaultyKeycloakAccounts.FAIL_LOOKUP.add(accessStandIn);
            send(UUID.randomUUID().toString(), new AccessRequested(accessId, accessStandIn, Identities.none()));
            List<ConsumerRecord<String, byte[]>> access = results.read(Duration.ofSeconds(30), r -> fromUs(r, accessStandIn), 1);
            assertEquals("privacy.access.completed.v1", TopicReader.header(access.get(0), "ce_type"));
        } finally {
            FaultyKeycloakAccounts.FAIL_LOOKUP.clear();
        }
    }

    /**
     * An erasure of another mode (an older dsar-service sent objections as erasures "consent-based only") is never
     * read as a full erasure: nothing is touched, and if it is answered at all the answer is FAILED. (Once the mode
     * leaves the catalogue, such an event no longer binds and goes to the dead-letter topic: still nothing touched.)
     */
    @Test
    void anErasureOfAnotherModeIsNotCarriedOut() throws Exception {
        User user = newUser(Map.of("displayName", "Objector"), List.of());
        ConsentStub.grant(user.id(), "app-usage-data");
        AppUsageTest.post(user.token(), AppUsageTest.usage("washer", "eco", "PT1H")).statusCode(201);
        String full = new String(codec().toJson(new ErasureRequested(UUID.randomUUID(), user.id(), Identities.none(),
                ErasureMode.FULL)), java.nio.charset.StandardCharsets.UTF_8);
        String otherMode = full.replace("\"mode\":\"FULL\"", "\"mode\":\"CONSENT_BASED_ONLY\"");
        assertTrue(otherMode.contains("CONSENT_BASED_ONLY"), otherMode);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            sendRaw("privacy.erasure.requested.v1", Topics.PRIVACY_REQUESTS, user.id(), otherMode);
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(15), answersTo(user.id()), 1);
            for (ConsumerRecord<String, byte[]> answer : answers) {
                JsonNode body = json.readTree(answer.value());
                assertEquals("FAILED", body.get("outcome").asText());
                assertTrue(body.get("reason").asText().contains("objection"), body.toString());
                assertEquals(0, body.get("records").size());
            }
        }
        me(user.token()).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("profile.displayName", org.hamcrest.Matchers.equalTo("Objector"));
        AppUsageTest.list(user.token()).statusCode(200).body("", org.hamcrest.Matchers.hasSize(1));
        assertTrue(keycloakUser(user.id()).orElseThrow().enabled());
    }

    @Test
    void accessRequestIsAnsweredOnceWithProfileSharingHoldsAndHistory() throws Exception {
        User user = newUser(Map.of("displayName", "Ada", "city", "London"), List.of("city"));
        ConsentStub.grant(user.id(), "app-usage-data");
        AppUsageTest.post(user.token(), AppUsageTest.usage("dishwasher", "intensive", "PT2H")).statusCode(201);
        addHold(user.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(3)), "order-5").statusCode(201);
        requestClosure(user.token()).statusCode(202);
        cancelClosure(user.token()).statusCode(200);

        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        AccessRequested access = new AccessRequested(requestId, user.id(), Identities.none());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(eventId, access);
            send(eventId, access);
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> fromUs(r, user.id()), 1);
            answers.addAll(results.readFor(Duration.ofSeconds(3), r -> fromUs(r, user.id())));
            assertEquals(1, answers.size());
            assertEquals("privacy.access.completed.v1", TopicReader.header(answers.get(0), "ce_type"));
            JsonNode answer = json.readTree(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            assertEquals("account-service", answer.get("service").asText());
            JsonNode data = answer.get("data");
            assertEquals(user.username(), data.get("identity").get("username").asText());
            assertEquals(user.email(), data.get("identity").get("email").asText());
            assertEquals("Ada", data.get("account").get("profile").get("displayName").asText());
            assertEquals("city", data.get("account").get("sharedFields").get(0).asText());
            assertEquals("order-5", data.get("holds").get(0).get("reference").asText());
            List<String> statuses = json.convertValue(data.get("statusHistory").findValuesAsText("status"), List.class);
            assertEquals(List.of("ACTIVE", "CLOSURE_PENDING", "ACTIVE"), statuses);
            assertEquals("intensive", data.get("appUsage").get(0).get("program").asText());
            assertFalse(answer.toString().contains(PASSWORD), "never a credential");
        }
    }

    /**
     * This service's erasure answers about the subject. Other services' tests may share the broker and answer the
     * same requests (their consumers read privacy.requests too): only account-service's answers count here.
     */
    private static Predicate<ConsumerRecord<String, byte[]>> answersTo(String subject) {
        return r -> fromUs(r, subject) && ERASURE_COMPLETED.equals(TopicReader.header(r, "ce_type"));
    }

    private static boolean fromUs(ConsumerRecord<String, byte[]> r, String subject) {
        return subject.equals(r.key()) && SOURCE.equals(TopicReader.header(r, "ce_source"));
    }

    private static Map<String, Long> counts(JsonNode answer) {
        Map<String, Long> counts = new HashMap<>();
        answer.get("records").forEach(r -> counts.put(r.get("recordType").asText(), r.get("count").asLong()));
        return counts;
    }
}
