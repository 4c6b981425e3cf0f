package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.testsupport.TestTokens;

/**
 * The officers' queue: filters, due-date order and keyset pages come from the database. Rows are seeded with
 * deadlines in 1990 so that they sort before anything other tests of this module created.
 */
@QuarkusTest
class QueueTest extends DsarTestBase {

    private static final java.util.regex.Pattern NEXT = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final Instant EPOCH_1990 = Instant.parse("1990-01-01T00:00:00Z");
    /** Earlier than anything the other tests seed: the filter test's rows lead every officer list. */
    private static final Instant EPOCH_1970 = Instant.parse("1970-01-02T00:00:00Z");

    @Test
    void anOwnerPagesThroughTheirRequestsInDueOrderWithoutGapsOrRepeats() {
        String subject = UUID.randomUUID().toString();
        List<String> seeded = new ArrayList<>();
        for (int day = 5; day >= 1; day--) { // inserted out of order on purpose
            seeded.add(0, seed(subject, RequestType.ACCESS, RequestStatus.IN_PROGRESS, RequestSource.WEB,
                    Jurisdiction.GDPR, EPOCH_1990.plus(Duration.ofDays(day))));
        }
        String token = TestTokens.user(subject);
        List<String> seen = new ArrayList<>();
        String next = "/api/privacy-requests?limit=2";
        int pages = 0;
        while (next != null) {
            Response page = given().auth().oauth2(token).urlEncodingEnabled(false).when().get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("id"));
            next = nextLink(page);
            pages++;
        }
        assertEquals(seeded, seen, "every request once, soonest deadline first");
        assertEquals(3, pages);
        // An officer's token must not widen a user's view, and a user's must not see anyone else's.
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).when().get("/api/privacy-requests")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void officersFilterByStatusTypeJurisdictionSourceAndDeadline() {
        String subject = UUID.randomUUID().toString();
        String agentErasure = seed(subject, RequestType.ERASURE, RequestStatus.IN_PROGRESS,
                RequestSource.AUTHORISED_AGENT, Jurisdiction.CCPA, EPOCH_1970.plusSeconds(1));
        String closedAccess = seed(subject, RequestType.ACCESS, RequestStatus.FULFILLED, RequestSource.WEB,
                Jurisdiction.GDPR, EPOCH_1970.plusSeconds(2));
        String closureErasure = seed(subject, RequestType.ERASURE, RequestStatus.PENDING_APPROVAL,
                RequestSource.ACCOUNT_CLOSURE, Jurisdiction.GDPR, EPOCH_1970.plusSeconds(3));
        String dueSoon = seed(subject, RequestType.QUESTION, RequestStatus.IN_PROGRESS, RequestSource.WEB,
                Jurisdiction.CCPA, Instant.now().plus(Duration.ofDays(2)));

        assertEquals(List.of(agentErasure, closureErasure), firstIds("type=ERASURE&open=true", 2));
        assertEquals(List.of(agentErasure), firstIds("source=AUTHORISED_AGENT&jurisdiction=CCPA", 1));
        assertEquals(List.of(closureErasure), firstIds("source=ACCOUNT_CLOSURE&status=PENDING_APPROVAL", 1));
        assertEquals(List.of(closedAccess), firstIds("status=FULFILLED&type=ACCESS", 1));
        // Overdue means open and past its deadline: the fulfilled one from 1990 is not overdue.
        assertEquals(List.of(agentErasure, closureErasure), firstIds("overdue=true", 2));
        given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy-requests?dueWithinDays=7")
                .then().statusCode(200).body("id", equalTo(List.of(dueSoon)));
        given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy-requests?open=false")
                .then().statusCode(200).body("id", equalTo(List.of(closedAccess)));
    }

    @Test
    void theDatabasesOpenColumnAgreesWithTheStatusesOpenness() {
        String subject = UUID.randomUUID().toString();
        for (RequestStatus status : RequestStatus.values()) {
            String id = seed(subject, RequestType.ACCESS, status, RequestSource.WEB, Jurisdiction.GDPR, EPOCH_1990);
            boolean open = QuarkusTransaction.requiringNew().call(() ->
                    PrivacyRequest.<PrivacyRequest>findById(id).queueOpen);
            assertEquals(status.isOpen(), open, status + " in the generated column queue_open");
        }
    }

    @Test
    void badParametersAreAClearFourHundred() {
        String officer = TestTokens.officer();
        for (String query : List.of("limit=0", "limit=201", "limit=ten", "after=bm90LWEtY3Vyc29y", "after=%25%25",
                "overdue=maybe", "dueWithinDays=-1", "source=FAX", "jurisdiction=MARS")) {
            given().auth().oauth2(officer).urlEncodingEnabled(false).when().get("/api/privacy-requests?" + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void theSummaryCountsWhatIsInTheDatabase() {
        String officer = TestTokens.officer();
        JsonPath before = given().auth().oauth2(officer).when().get("/api/privacy-requests/summary")
                .then().statusCode(200).extract().jsonPath();
        String subject = UUID.randomUUID().toString();
        String stalled = seed(subject, RequestType.ERASURE, RequestStatus.STALLED, RequestSource.WEB,
                Jurisdiction.GDPR, EPOCH_1990);
        seed(subject, RequestType.ERASURE, RequestStatus.IN_PROGRESS, RequestSource.WEB, Jurisdiction.GDPR,
                Instant.now().plus(Duration.ofDays(3)));
        QuarkusTransaction.requiringNew().run(() -> {
            Participant silent = new Participant();
            silent.requestId = stalled;
            silent.service = "newsletter-service";
            silent.askedAt = Instant.now();
            silent.persist();
            Participant answered = new Participant();
            answered.requestId = stalled;
            answered.service = "consent-service";
            answered.outcome = "ERASED";
            answered.askedAt = Instant.now();
            answered.persist();
        });
        JsonPath after = given().auth().oauth2(officer).when().get("/api/privacy-requests/summary")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(before.getLong("byStatus.STALLED") + 1, after.getLong("byStatus.STALLED"));
        assertEquals(before.getLong("byStatus.IN_PROGRESS") + 1, after.getLong("byStatus.IN_PROGRESS"));
        assertEquals(before.getLong("openByType.ERASURE") + 2, after.getLong("openByType.ERASURE"));
        assertEquals(before.getLong("overdue") + 1, after.getLong("overdue"));
        assertEquals(before.getLong("dueWithin7Days") + 1, after.getLong("dueWithin7Days"));
        assertEquals(before.getLong("stalledParticipants") + 1, after.getLong("stalledParticipants"));
        given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy-requests/summary")
                .then().statusCode(403).contentType(containsString("problem+json"));
    }

    @Test
    void theMedianTimeToFulfilIsTheMiddleOfTheLastNinetyDays() {
        // The database is shared with the other tests of the module, so the seeded requests (each fulfilled in
        // exactly 400 days) are made more than twice as many as every fulfilled request before: the middle value is
        // then one of them, whatever the others took, while an average would not be 400.
        JsonPath before = given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/summary")
                .then().statusCode(200).extract().jsonPath();
        long fulfilledBefore = before.getLong("byStatus.FULFILLED") + before.getLong("byStatus.CLOSED");
        int seeds = (int) fulfilledBefore * 2 + 3;
        String subject = UUID.randomUUID().toString();
        Instant fulfilled = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < seeds; i++) {
            String id = seed(subject, RequestType.ACCESS, RequestStatus.FULFILLED, RequestSource.WEB,
                    Jurisdiction.GDPR, fulfilled);
            QuarkusTransaction.requiringNew().run(() -> {
                PrivacyRequest r = PrivacyRequest.findById(id);
                r.receivedAt = fulfilled.minus(Duration.ofDays(400));
                r.fulfilledAt = fulfilled;
            });
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/summary")
                .then().statusCode(200).body("medianDaysToFulfil90d", equalTo(400.0f));
    }

    private static List<String> firstIds(String query, int n) {
        List<String> ids = given().auth().oauth2(TestTokens.officer()).when()
                .get("/api/privacy-requests?limit=" + n + "&" + query).then().statusCode(200)
                .extract().jsonPath().getList("id");
        return ids;
    }

    private static String nextLink(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), "Link header with rel=next: " + link);
        assertTrue(m.group(1).startsWith("/api/privacy-requests?"), "a relative reference: " + link);
        return m.group(1);
    }

    private static String seed(String subject, RequestType type, RequestStatus status, RequestSource source,
            Jurisdiction jurisdiction, Instant dueAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            PrivacyRequest r = new PrivacyRequest();
            r.id = id;
            r.type = type;
            r.status = status;
            r.source = source;
            r.jurisdiction = jurisdiction;
            r.subjectId = subject;
            r.receivedAt = dueAt.minus(Duration.ofDays(30));
            r.dueAt = dueAt;
            r.persist();
        });
        return id;
    }
}
