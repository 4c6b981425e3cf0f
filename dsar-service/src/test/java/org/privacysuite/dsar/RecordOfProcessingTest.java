package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.register.DsarProcessing;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.testsupport.RecordOfProcessingContract;
import org.privacysuite.testsupport.TestTokens;

/**
 * Issue #15, items 1 and 2: the record of processing is assembled from the declarations (dsar-service's own and each
 * participant's), every table of dsar-service's schema is in it, and an access package carries its processing section
 * and dsar-service's own records of the person.
 */
@QuarkusTest
class RecordOfProcessingTest extends DsarTestBase {

    @Inject
    AgroalDataSource database;

    @Test
    void everyTableOfThisServiceIsDeclared() throws Exception {
        RecordOfProcessingContract.assertEveryTableDeclared(database,
                DsarProcessing.RECORD_TYPES.stream().flatMap(t -> t.stores().stream()).toList(), Map.of(
                        "job_lease", "which replica runs the periodic jobs",
                        "declared_participant", "the services' declarations, about no one",
                        "drp_agent", "authorised agents (organisations): name and public key",
                        "drp_token", "hashes of the agents' bearer tokens"));
    }

    @Test
    void theRegisterListsEveryDeclaredActivityAsJsonAndCsv() throws Exception {
        // a participant that declares an activity fully, as the services do
        send(ParticipantDeclared.declaration("newsletter-service", List.of(
                DeclaredRecordType.deleted("test-record", "a test record").from(DataOrigin.PROVIDED)
                        .in("subscriber"),
                DeclaredRecordType.deleted("test-profile", "what was inferred").from(DataOrigin.DERIVED)),
                List.of(new ProcessingActivity("newsletter", "send the newsletter", "GDPR Art. 6(1)(a): consent",
                        List.of("newsletter subscribers"), List.of("e-mail address"), List.of("test-record"),
                        List.of("the mail relay (processor)"), "until unsubscribed")),
                RECTIFIABLE.get("newsletter-service"), Instant.now())
                .storedIn(new ParticipantDeclared.Residency("CA", "ca-central-1", "AWS"), List.of()), "/newsletter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.officer())
                .get("/api/privacy/record-of-processing").then().statusCode(200)
                .body("activities.activity", hasItem("newsletter")));

        given().auth().oauth2(TestTokens.officer()).get("/api/privacy/record-of-processing").then()
                .body("activities.find { it.activity == 'newsletter' }.storage.region", equalTo("ca-central-1"))
                .body("activities.find { it.activity == 'newsletter' }.recordTypes[0].stores[0]", equalTo("subscriber"))
                .body("activities.find { it.activity == 'newsletter' }.source", equalTo("from you"))
                .body("activities.find { it.activity == 'privacy requests' }.service", equalTo("dsar-service"))
                .body("activities.find { it.activity == 'privacy requests' }.storage.country", equalTo("CA"));
        String csv = given().auth().oauth2(TestTokens.officer()).accept("text/csv")
                .get("/api/privacy/record-of-processing").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("service,activity,purpose,legalBasis,subjects,dataCategories,recordTypes,stores,"),
                csv);
        assertTrue(csv.contains("newsletter-service,newsletter,\"send the newsletter\",\"GDPR Art. 6(1)(a): consent\""), csv);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .get("/api/privacy/record-of-processing").then().statusCode(403);
    }

    @Test
    void anAccessPackageSaysHowTheDataIsProcessedAndHoldsThePersonsRequests() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String objection = submit(token, Map.of("type", "OBJECTION")).statusCode(201).extract().path("id");
        String id = submit(token, Map.of("type", "ACCESS")).statusCode(201).extract().path("id");
        for (String service : PARTICIPANTS) {
            send(new AccessCompleted(UUID.fromString(id), subject, service, new ObjectMapper().readTree("{}")),
                    "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
        given().auth().oauth2(token).get("/api/privacy-requests/" + id + "/export").then().statusCode(200)
                .body("processing.find { it.activity == 'privacy requests' }.purpose",
                        containsString("data subject requests"))
                .body("processing.find { it.activity == 'privacy requests' }.retention", containsString("2 years"))
                .body("sections.dsar.privacyRequests.id", hasItem(objection))
                .body("sections.dsar.privacyRequests.find { it.id == '" + objection + "' }.audit.action",
                        hasItem("received"))
                .body("sections.dsar.privacyRequests.find { it.id == '" + objection + "' }.audit[0].by",
                        equalTo("you"));
    }
}
