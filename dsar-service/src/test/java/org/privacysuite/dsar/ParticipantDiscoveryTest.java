package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/** Issue 13, item 3: sagas ask the services that declared themselves, and an officer retires one that is gone. */
@QuarkusTest
class ParticipantDiscoveryTest extends DsarTestBase {

    @Test
    void aDeclaredServiceIsAskedAndAwaitedUntilAnOfficerRetiresIt() throws Exception {
        String loyalty = "loyalty-" + UUID.randomUUID().toString().substring(0, 8);
        declare(loyalty, Instant.now());
        try {
            given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy/participants").then()
                    .statusCode(200)
                    .body("find { it.service == '" + loyalty + "' }.active", equalTo(true))
                    .body("find { it.service == '" + loyalty + "' }.declaration.recordTypes[0].onErasure",
                            equalTo("RETAIN"))
                    .body("find { it.service == '" + loyalty + "' }.declaration.recordTypes[0].legalBasis",
                            containsString("tax"));
            String subject = UUID.randomUUID().toString();
            String token = TestTokens.user(subject);
            String id = submit(token, Map.of("type", "ERASURE", "jurisdiction", "GDPR")).statusCode(201)
                    .body("participants.service", hasItem(loyalty)).body("participants", hasSize(4))
                    .extract().path("id");
            for (String service : PARTICIPANTS) {
                send(erased(id, subject, service), "/" + service);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id)
                    .body("participants.findAll { it.outcome == 'ERASED' }", hasSize(3)));
            get(token, id).body("status", equalTo("IN_PROGRESS")); // still waiting for the declared loyalty service

            given().auth().oauth2(TestTokens.officer()).when().post("/api/privacy/participants/" + loyalty + "/retire")
                    .then().statusCode(200).body("active", equalTo(false))
                    .body("retiredBy", containsString("officer:"));
            get(token, id).body("status", equalTo("FULFILLED"))
                    .body("participants.find { it.service == '" + loyalty + "' }.outcome", equalTo("RETIRED"));
            given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + id + "/audit").then()
                    .body("find { it.action == 'participant-retired' }.actor", containsString("officer:"));
            given().auth().oauth2(TestTokens.officer()).when().post("/api/privacy/participants/" + loyalty + "/retire")
                    .then().statusCode(409).contentType("application/problem+json");

            String next = submit(TestTokens.user(UUID.randomUUID().toString()), Map.of("type", "ERASURE",
                    "jurisdiction", "GDPR")).statusCode(201).extract().path("id");
            get(TestTokens.officer(), next).body("participants.service", not(hasItem(loyalty)))
                    .body("participants", hasSize(3));

            // It comes back: a newer declaration makes it active again, and a clock running ahead does not stop a
            // later retirement (the finally block) from taking effect.
            declare(loyalty, Instant.now().plusSeconds(5));
        } finally {
            retireIfActive(loyalty);
        }
    }

    @Test
    void anAnswerFromAServiceTheSagaDidNotAskIsKeptNotDropped() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ERASURE", "jurisdiction", "GDPR")).statusCode(201)
                .extract().path("id");
        send(erased(id, subject, "archive-service"), "/archive-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id)
                .body("participants.find { it.service == 'archive-service' }.outcome", equalTo("ERASED"))
                .body("participants.find { it.service == 'archive-service' }.records[0].recordType",
                        equalTo("archived-order")));
        get(token, id).body("status", equalTo("IN_PROGRESS"));
        for (String service : PARTICIPANTS) {
            send(erased(id, subject, service), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status",
                equalTo("FULFILLED")));
    }

    @Test
    void retiringAnUnknownServiceIsANotFound() {
        given().auth().oauth2(TestTokens.officer()).when().post("/api/privacy/participants/never-declared/retire")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.officer()).when().post("/api/privacy/participants/Not_A_Name/retire")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private void declare(String service, Instant at) throws Exception {
        send(ParticipantDeclared.declaration(service, List.of(DeclaredRecordType.retained("loyalty-points",
                "points earned", "tax law: 6 years", "P6Y")), List.of(), List.of(), at), "/" + service);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(DeclaredParticipant::activeServices).contains(service));
    }

    /**
     * Retires the test's service and waits until the retirement is on the topic: later test classes on a fresh
     * database replay privacy.participants, and must find this service retired, not waiting to be asked.
     */
    private static void retireIfActive(String service) {
        boolean active = QuarkusTransaction.requiringNew().call(() -> DeclaredParticipant.activeServices()
                .contains(service));
        if (active) {
            try (TopicReader topic = new TopicReader(Topics.PRIVACY_PARTICIPANTS)) {
                given().auth().oauth2(TestTokens.officer()).when()
                        .post("/api/privacy/participants/" + service + "/retire").then().statusCode(200)
                        .body("active", equalTo(false));
                topic.read(Duration.ofSeconds(30), r -> service.equals(r.key()), 1);
            }
        }
    }

    private static ErasureCompleted erased(String id, String subject, String service) {
        return new ErasureCompleted(UUID.fromString(id), subject, service, ErasureOutcome.ERASED,
                List.of(new RecordTypeResult("archived-order", ErasureAction.DELETE, 1)), null, null, List.of());
    }
}
