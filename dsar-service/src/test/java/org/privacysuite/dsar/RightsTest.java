package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.events.catalogue.AccountClosed;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.StoppedProcessing;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.IdentityDirectoryStub;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * Issue #14 in dsar-service: an objection stops processing and erases nothing, the identities a saga acts on are
 * resolved (account behind a proven address, the account's address, its devices), a cookie-only visitor is heard, a
 * repeated request is answered with the open one. The participants are simulated on the real broker; account-service
 * and consent-service's lookups are {@link IdentityDirectoryStub}.
 */
@QuarkusTest
class RightsTest extends DsarTestBase {

    @Inject
    ObjectMapper mapper;

    @Inject
    DsarJobs jobs;

    private JsonNode onlyCommandFor(TopicReader commands, String key) throws Exception {
        List<ConsumerRecord<String, byte[]>> sent = commands.read(Duration.ofSeconds(20), r -> key.equals(r.key()), 1);
        JsonNode data = mapper.readTree(sent.get(0).value());
        data.withObject("/meta").put("type", TopicReader.header(sent.get(0), "ce_type"));
        return data;
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.officer())
                .when().get("/api/privacy-requests/" + id).then().body("status", equalTo(status)));
    }

    @Test
    void anObjectionAsksToStopDirectMarketingAndIsFulfilledByWhatEachParticipantStopped() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "OBJECTION", "message", "No more marketing, please"))
                .statusCode(201).body("objection", equalTo("DIRECT_MARKETING"))
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
            JsonNode command = onlyCommandFor(commands, subject);
            assertEquals("privacy.objection.requested.v1", command.at("/meta/type").asText(),
                    "an objection, never an erasure");
            assertEquals("DIRECT_MARKETING", command.get("scope").asText());
            assertEquals(id, command.get("requestId").asText());
        }
        UUID requestId = UUID.fromString(id);
        send(new ObjectionCompleted(requestId, subject, "consent-service", ObjectionOutcome.STOPPED,
                List.of(new StoppedProcessing("advertising-cookies", StoppedProcessing.Action.REFUSED, 1)), null),
                "/consent");
        send(new ObjectionCompleted(requestId, subject, "newsletter-service", ObjectionOutcome.STOPPED,
                List.of(new StoppedProcessing("subscriber", StoppedProcessing.Action.ENDED, 1)), null), "/newsletter");
        send(new ObjectionCompleted(requestId, subject, "account-service", ObjectionOutcome.NOTHING_FOUND, List.of(),
                "does no processing for direct marketing"), "/account");
        awaitStatus(id, "FULFILLED");
        get(token, id).body("participants.find { it.service == 'newsletter-service' }.outcome", equalTo("STOPPED"))
                .body("participants.find { it.service == 'newsletter-service' }.records[0].action", equalTo("ENDED"))
                .body("participants.find { it.service == 'account-service' }.outcome", equalTo("NOTHING_FOUND"));
    }

    @Test
    void anObjectionMaySayItIsToTheSaleOfDataAndOnlyAnObjectionSaysWhatItObjectsTo() throws Exception {
        String subject = UUID.randomUUID().toString();
        String id = submit(TestTokens.user(subject), Map.of("type", "OBJECTION", "objection", "SALE_OR_SHARING"))
                .statusCode(201).body("objection", equalTo("SALE_OR_SHARING")).extract().path("id");
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(200);
            assertEquals("SALE_OR_SHARING", onlyCommandFor(commands, subject).get("scope").asText());
        }
        submit(TestTokens.user(subject), Map.of("type", "ERASURE", "objection", "SALE_OR_SHARING"))
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("objection"));
        submit(TestTokens.user(subject), Map.of("type", "OBJECTION", "objection", "EVERYTHING"))
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRepeatedRequestIsAnsweredWithTheOpenOneButQuestionsAreAlwaysNew() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        var created = submit(token, Map.of("type", "OBJECTION")).statusCode(201).extract();
        String first = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/privacy-requests/" + first));
        submit(token, Map.of("type", "OBJECTION")).statusCode(200).body("id", equalTo(first))
                .header("Location", endsWith("/api/privacy-requests/" + first));
        String sale = submit(token, Map.of("type", "OBJECTION", "objection", "SALE_OR_SHARING")).statusCode(201)
                .extract().path("id");
        assertTrue(!sale.equals(first), "an objection to something else is another request");
        String question = submit(token, Map.of("type", "QUESTION", "message", "Why?")).statusCode(201)
                .extract().path("id");
        submit(token, Map.of("type", "QUESTION", "message", "Why?")).statusCode(201)
                .body("id", not(equalTo(question)));
        act(first, "deny", Map.of("reason", "other: test")).statusCode(200);
        submit(token, Map.of("type", "OBJECTION")).statusCode(201).body("id", not(equalTo(first)));
    }

    @Test
    void aSignedInSubjectWhoseAddressIsNotProvenYetIsStillKnownByTheToken() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.userWithEmail(subject, "unproven-" + UUID.randomUUID() + "@example.com", false);
        String first = submit(token, Map.of("type", "OBJECTION")).statusCode(201).body("status", equalTo("UNVERIFIED"))
                .extract().path("id");
        submit(token, Map.of("type", "OBJECTION")).statusCode(200).body("id", equalTo(first));
    }

    @Test
    void aRequestByAddressBecomesADuplicateOnlyOnceTheAddressIsProven() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        String first = submit(null, Map.of("type", "ACCESS", "email", email)).statusCode(201).extract().path("id");
        given().contentType("application/json").body(Map.of("code", codeMailedTo(email)))
                .post("/api/privacy-requests/" + first + "/verify").then().statusCode(200).body("id", equalTo(first));
        // Someone else typing the address learns nothing: a new request, waiting for its code.
        String second = submit(null, Map.of("type", "ACCESS", "email", email)).statusCode(201)
                .body("status", equalTo("UNVERIFIED")).body("id", not(equalTo(first))).extract().path("id");
        given().contentType("application/json").body(Map.of("code", codeMailedTo(email)))
                .post("/api/privacy-requests/" + second + "/verify").then().statusCode(200)
                .body("id", equalTo(first)).header("Location", endsWith("/api/privacy-requests/" + first));
        given().auth().oauth2(TestTokens.officer()).get("/api/privacy-requests/" + second).then()
                .body("status", equalTo("CLOSED"));
    }

    @Test
    void aCookieOnlyVisitorAsksWithTheDeviceItHoldsAndOnlyThatDeviceReadsTheRequest() throws Exception {
        String device = UUID.randomUUID().toString();
        String id;
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            id = submit(null, Map.of("type", "ERASURE", "deviceId", device)).statusCode(201)
                    .body("status", equalTo("IN_PROGRESS")).extract().path("id");
            JsonNode command = onlyCommandFor(commands, "request:" + id);
            assertEquals(List.of(device), mapper.convertValue(command.at("/identities/deviceIds"), List.class));
            assertEquals(0, command.at("/identities/emails").size());
        }
        assertEquals(0, IdentityDirectoryStub.accountLookups(), "a device never leads to an account");
        given().header("X-Device-Id", device).get("/api/privacy-requests/" + id).then().statusCode(200)
                .body("identities.find { it.kind == 'device' }.proof", equalTo("DEVICE_HELD"));
        given().header("X-Device-Id", UUID.randomUUID().toString()).get("/api/privacy-requests/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().get("/api/privacy-requests/" + id).then().statusCode(401);
        submit(null, Map.of("type", "ERASURE", "deviceId", device)).statusCode(200).body("id", equalTo(id));
        submit(null, Map.of("type", "QUESTION", "deviceId", device, "message", "hello")).statusCode(400)
                .contentType("application/problem+json");
        submit(null, Map.of("type", "ACCESS", "deviceId", "not-a-device")).statusCode(400)
                .body("errors[0].field", containsString("deviceId"));
    }

    @Test
    void anAddressProvenByCodeReachesTheAccountWhoseVerifiedAddressItIsAndItsDevices() throws Exception {
        String email = "known-" + UUID.randomUUID() + "@example.com";
        String account = UUID.randomUUID().toString();
        String device = UUID.randomUUID().toString();
        IdentityDirectoryStub.account(account, email);
        IdentityDirectoryStub.devices(account, device);
        String id = submit(null, Map.of("type", "ERASURE", "email", email)).statusCode(201).extract().path("id");
        given().contentType("application/json").body(Map.of("code", codeMailedTo(email)))
                .post("/api/privacy-requests/" + id + "/verify").then().statusCode(200);
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
            JsonNode command = onlyCommandFor(commands, account);
            assertEquals(account, command.get("subjectId").asText(), "the account's id, not the request's");
            assertEquals(List.of(email), mapper.convertValue(command.at("/identities/emails"), List.class));
            assertEquals(List.of(device), mapper.convertValue(command.at("/identities/deviceIds"), List.class));
        }
        given().auth().oauth2(TestTokens.officer()).get("/api/privacy-requests/" + id).then()
                .body("identities.find { it.kind == 'subject' }.resolvedBy", containsString("account-service"))
                .body("identities.find { it.kind == 'device' }.resolvedBy", containsString("consent-service"));
        given().auth().oauth2(TestTokens.officer()).get("/api/privacy-requests/" + id + "/audit").then()
                .body("action", hasItem("identities-resolved"))
                .body("find { it.action == 'identities-resolved' }.detail", not(containsString(email)));
    }

    @Test
    void anErasureOpenedByAnAccountClosureCarriesTheAccountsVerifiedAddress() throws Exception {
        String account = UUID.randomUUID().toString();
        String email = "closing-" + UUID.randomUUID() + "@example.com";
        IdentityDirectoryStub.account(account, email);
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            send(new AccountClosed(account, List.of(), Instant.now()), "/account");
            JsonNode command = onlyCommandFor(commands, account);
            assertEquals("privacy.erasure.requested.v1", command.at("/meta/type").asText());
            assertEquals(List.of(email), mapper.convertValue(command.at("/identities/emails"), List.class));
        }
    }

    @Test
    void whenTheDirectoriesCannotAnswerTheSagaWaitsStalledAndStartsOnceTheyCan() throws Exception {
        String subject = UUID.randomUUID().toString();
        IdentityDirectoryStub.unavailable();
        String id = submit(TestTokens.user(subject), Map.of("type", "ACCESS")).statusCode(201)
                .body("status", equalTo("STALLED")).body("stalledReason", containsString("identities not resolved"))
                .extract().path("id");
        IdentityDirectoryStub.reset();
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            jobs.runOnce();
            assertEquals("privacy.access.requested.v1", onlyCommandFor(commands, subject).at("/meta/type").asText());
        }
        get(TestTokens.user(subject), id).body("status", equalTo("IN_PROGRESS")).body("stalledReason", nullValue());
    }
}
