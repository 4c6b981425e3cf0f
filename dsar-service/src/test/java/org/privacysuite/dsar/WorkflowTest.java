package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class WorkflowTest extends DsarTestBase {


    @Inject
    DsarJobs jobs;


    @Test
    void questionByEmailIsVerifiedAnsweredClosedAndLaterAnonymised() throws Exception {
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "QUESTION", "jurisdiction", "GDPR", "email", email,
                "message", "Do you share my browsing data with advertisers?"))
                .statusCode(201).body("status", equalTo("UNVERIFIED"))
                .body("email", nullValue()).body("message", nullValue())
                .extract().path("id");
        String code = codeMailedTo(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        given().contentType("application/json").body(Map.of("code", wrong))
                .when().post("/api/privacy-requests/" + id + "/verify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
        given().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        // single use
        given().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(404);

        act(id, "reply", Map.of("message", "No. Advertising cookies are used only with your consent.")).statusCode(200)
                .body("status", equalTo("FULFILLED"));
        assertEquals(List.of("Confirm your privacy request", "We received your privacy request",
                "Answer to your privacy question"), mailsTo(email).stream().map(m -> m.getSubject()).toList(),
                "the code, the acknowledgement, then the answer");
        act(id, "close", null).statusCode(200).body("status", equalTo("CLOSED"));

        String officer = TestTokens.officer();
        given().auth().oauth2(officer).when().get("/api/privacy-requests/" + id)
                .then().body("email", equalTo(email)).body("message", containsString("advertisers"));
        Thread.sleep(2100); // past the 1 s anonymisation period, with times stored to the second locally
        jobs.runOnce();
        given().auth().oauth2(officer).when().get("/api/privacy-requests/" + id)
                .then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("email", nullValue()).body("message", nullValue()).body("reply", nullValue());
        given().auth().oauth2(officer).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(200)
                .body("action", hasItems("received", "verified", "replied", "closed", "anonymised"))
                .body("find { it.action == 'replied' }.actor", containsString("officer:"))
                .body("find { it.action == 'closed' }.toStatus", equalTo("CLOSED"));
    }

    @Test
    void verificationAttemptsAreLimited() {
        String email = "guess-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "ERASURE", "email", email)).statusCode(201).extract().path("id");
        String code = codeMailedTo(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("code", wrong))
                    .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(400);
        }
        given().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(429)
                .contentType("application/problem+json");
    }

    @Test
    void accountLessErasureWaitsForApprovalAndCanBeDenied() {
        String email = "erase-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "ERASURE", "email", email)).statusCode(201).extract().path("id");
        given().contentType("application/json").body(Map.of("code", codeMailedTo(email)))
                .when().post("/api/privacy-requests/" + id + "/verify")
                .then().statusCode(200).body("status", equalTo("PENDING_APPROVAL"));
        act(id, "deny", Map.of()).statusCode(400); // a reason is required
        act(id, "deny", Map.of("reason", "We could not link the address to any data")).statusCode(200)
                .body("status", equalTo("DENIED")).body("denialReason", containsString("could not link"));
        act(id, "approve", null).statusCode(409).contentType("application/problem+json");
    }

    @Test
    void officerApprovalStartsTheSagaForRequestsThatNeedIt() {
        String subject = UUID.randomUUID().toString();
        String id = submit(TestTokens.user(subject), Map.of("type", "RECTIFICATION",
                "changes", Map.of("city", "Montreal"), "message", "I moved"))
                .statusCode(201).body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        act(id, "approve", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void extensionIsGrantedOnceAndToldWithItsReason() {
        String subject = UUID.randomUUID().toString();
        String id = submit(TestTokens.user(subject), Map.of("type", "OBJECTION", "jurisdiction", "GDPR"))
                .statusCode(201).extract().path("id");
        String received = get(TestTokens.user(subject), id).extract().path("receivedAt");
        act(id, "extend", Map.of("months", 2, "reason", "Many systems to search")).statusCode(200)
                .body("dueAt", equalTo(Instant.parse(received).atZone(ZoneOffset.UTC).plusMonths(3).toInstant().toString()))
                .body("extensionReason", equalTo("Many systems to search"));
        act(id, "extend", Map.of("months", 1, "reason", "again")).statusCode(409);
        act(id, "extend", Map.of("months", 5, "reason", "too long")).statusCode(400);
    }

    @Test
    void subjectsSeeOnlyTheirOwnRequestsAndOnlyOfficersAct() {
        String alice = UUID.randomUUID().toString();
        String id = submit(TestTokens.user(alice), Map.of("type", "QUESTION", "message", "What do you keep?"))
                .statusCode(201).extract().path("id");
        get(TestTokens.user(alice), id).statusCode(200).body("message", equalTo("What do you keep?"));
        get(TestTokens.user(UUID.randomUUID().toString()), id).statusCode(404);
        given().when().get("/api/privacy-requests/" + id).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(alice)).when().post("/api/privacy-requests/" + id + "/close")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(alice)).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).when().get("/api/privacy-requests")
                .then().statusCode(200).body("id", not(hasItem(id)));
        // One page of the officers' queue: filtered to open questions, which this module's tests make few of.
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests?type=QUESTION&open=true&limit=200")
                .then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String officer = TestTokens.officer();
        int before = given().auth().oauth2(officer).when().get("/api/privacy-requests").then().extract().path("size()");
        submit(null, Map.of("type", "ERASURE")).statusCode(400).body("errors[0].field", equalTo("email"));
        submit(null, Map.of("type", "ERASURE", "email", "not-an-address")).statusCode(400)
                .contentType("application/problem+json");
        submit(null, Map.of("type", "FORGET_ME", "email", "a@example.com")).statusCode(400);
        submit(null, Map.of("email", "a@example.com")).statusCode(400).body("errors[0].field", equalTo("type"));
        submit(null, Map.of("type", "QUESTION", "email", "a@example.com")).statusCode(400)
                .body("errors[0].field", equalTo("message"));
        submit(null, Map.of("type", "ACCESS", "email", "a@example.com", "jurisdiction", "MARS")).statusCode(400);
        submit(null, Map.of("type", "ACCESS", "email", "a@example.com", "unknown", 1)).statusCode(400);
        submit(null, Map.of("type", "ACCESS", "email", "a@example.com", "message", "x".repeat(70_000))).statusCode(413);
        given().contentType("application/json").body(Map.of("code", "123456"))
                .when().post("/api/privacy-requests/not-an-id/verify").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().auth().oauth2(officer).when().get("/api/privacy-requests").then().body("size()", equalTo(before));
        given().auth().oauth2(officer).when().post("/api/privacy-requests/" + UUID.randomUUID() + "/approve")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(officer).queryParam("status", "NOPE").when().get("/api/privacy-requests")
                .then().statusCode(400);
    }

    @Test
    void ccpaRequestsCarryTheAcknowledgementDeadline() {
        submit(TestTokens.user(UUID.randomUUID().toString()), Map.of("type", "ACCESS", "jurisdiction", "CCPA"))
                .statusCode(201).body("acknowledgeBy", notNullValue()).body("jurisdiction", equalTo("CCPA"));
    }
}
