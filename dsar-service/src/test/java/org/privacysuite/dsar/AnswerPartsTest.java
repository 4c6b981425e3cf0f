package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.AnswerPart;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.testsupport.TestTokens;

/**
 * An access answer too large for one record comes in parts (issue 18, goal 5): dsar-service keeps them, counts the
 * participant answered with the last one, and joins them into the export, whatever order and repeats they come in,
 * never mixing two answers.
 */
@QuarkusTest
class AnswerPartsTest extends DsarTestBase {

    private static final String CONSENT = "consent-service";

    @Inject
    ObjectMapper mapper;

    private AccessCompleted part(String id, String subject, UUID answerId, int part, int parts, String data)
            throws Exception {
        return new AccessCompleted(UUID.fromString(id), subject, CONSENT, mapper.readTree(data), answerId, part, parts);
    }

    private static void awaitOutcome(String token, String id, String service, String outcome) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).statusCode(200)
                .body("participants.find { it.service == '" + service + "' }.outcome", equalTo(outcome)));
    }

    private static long partsHeld(String id) {
        return QuarkusTransaction.requiringNew().call(() -> AnswerPart.count("requestId", id));
    }

    private void whole(String id, String subject, String service) throws Exception {
        send(new AccessCompleted(UUID.fromString(id), subject, service, mapper.readTree("{\"held\":true}")),
                "/" + service);
    }

    @Test
    void partsInAnyOrderAndRepeatedAreJoinedIntoTheExport() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ACCESS")).statusCode(201).extract().path("id");
        UUID answer = UUID.randomUUID();
        send(part(id, subject, answer, 2, 3,
                "{\"decisions\":[{\"n\":3}],\"currentChoices\":{\"device-a\":{\"ads\":true}}}"), "/consent");
        send(part(id, subject, answer, 1, 3, "{\"subjectId\":\"" + subject + "\",\"decisions\":[{\"n\":1},{\"n\":2}]}"),
                "/consent");
        send(part(id, subject, answer, 1, 3, "{\"subjectId\":\"" + subject + "\",\"decisions\":[{\"n\":1},{\"n\":2}]}"),
                "/consent"); // the same part again, as a second event
        // a marker behind the parts on the subject's partition: once it is in, so are they
        whole(id, subject, "account-service");
        awaitOutcome(token, id, "account-service", "ANSWERED");
        get(token, id).body("participants.find { it.service == 'consent-service' }.outcome", nullValue())
                .body("status", equalTo("IN_PROGRESS"));
        assertEquals(2, partsHeld(id), "two distinct parts kept, the repeat once");

        send(part(id, subject, answer, 3, 3, "{\"currentChoices\":{\"device-b\":{\"ads\":false}},\"receipts\":[]}"),
                "/consent");
        whole(id, subject, "newsletter-service");
        awaitOutcome(token, id, CONSENT, "ANSWERED");
        get(token, id).body("status", equalTo("FULFILLED"));
        assertEquals(3, partsHeld(id), "the export is read from the parts");

        String export = given().auth().oauth2(token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(200).extract().asString();
        JsonNode consent = mapper.readTree(export).get("sections").get("consent");
        assertEquals(mapper.readTree("{\"subjectId\":\"" + subject + "\",\"decisions\":[{\"n\":1},{\"n\":2},{\"n\":3}],"
                + "\"currentChoices\":{\"device-a\":{\"ads\":true},\"device-b\":{\"ads\":false}},\"receipts\":[]}"),
                consent);
    }

    @Test
    void twoAnswersOfOneParticipantAreNeverMixed() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ACCESS")).statusCode(201).extract().path("id");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        send(part(id, subject, first, 1, 2, "{\"rows\":[\"first-1\"]}"), "/consent");
        send(part(id, subject, second, 1, 2, "{\"rows\":[\"second-1\"]}"), "/consent");
        send(part(id, subject, second, 2, 2, "{\"rows\":[\"second-2\"]}"), "/consent");
        awaitOutcome(token, id, CONSENT, "ANSWERED");
        send(part(id, subject, first, 2, 2, "{\"rows\":[\"first-2\"]}"), "/consent"); // late: changes nothing
        whole(id, subject, "account-service");
        whole(id, subject, "newsletter-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
        assertEquals(2, partsHeld(id), "the second answer's parts; the first answer's part is gone");

        String export = given().auth().oauth2(token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(200).extract().asString();
        assertEquals(mapper.readTree("{\"rows\":[\"second-1\",\"second-2\"]}"),
                mapper.readTree(export).get("sections").get("consent"));
    }
}
