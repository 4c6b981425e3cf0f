package org.privacysuite.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.IdentityDirectoryStub;
import org.privacysuite.testsupport.IdentityDirectoryStub.Account;
import org.privacysuite.testsupport.TopicReader;

/**
 * {@code POST /api/accounts/identities}, which dsar-service resolves a request's identities with, against the real
 * Keycloak. Every answer is compared, as JSON, with what {@link IdentityDirectoryStub#accountsJson} builds for
 * dsar-service's own tests, so that the stand-in cannot drift from the real thing.
 */
@QuarkusTest
class IdentityLookupTest extends AccountTestBase {

    private static final String PATH = "/api/accounts/identities";
    private final ObjectMapper json = new ObjectMapper();

    static ValidatableResponse lookup(List<String> emails, List<String> subjectIds) {
        Map<String, Object> body = new HashMap<>();
        if (emails != null) {
            body.put("emails", emails);
        }
        if (subjectIds != null) {
            body.put("subjectIds", subjectIds);
        }
        return given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body).when().post(PATH).then();
    }

    /** The real answer equals, field for field, the stub's answer for these accounts. */
    private void assertAnswer(ValidatableResponse response, Account... expected) throws Exception {
        JsonNode actual = json.readTree(response.statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals(json.readTree(IdentityDirectoryStub.accountsJson(List.of(expected))), actual);
    }

    @Test
    void aVerifiedAddressResolvesToItsAccountInAnyCase() throws Exception {
        User user = newUser();
        verifyEmail(user.id());
        assertAnswer(lookup(List.of(user.email().toUpperCase()), null), new Account(user.id(), user.email()));
        assertAnswer(lookup(List.of(user.email()), List.of()), new Account(user.id(), user.email()));
    }

    @Test
    void anUnverifiedAddressProvesNothing() throws Exception {
        User typedSomeoneElsesAddress = newUser();
        // Whoever proves this mailbox does not reach the account of someone who merely typed the address...
        assertAnswer(lookup(List.of(typedSomeoneElsesAddress.email()), null));
        // ...and the account's own unverified address is not handed out as the person's either.
        assertAnswer(lookup(null, List.of(typedSomeoneElsesAddress.id())),
                new Account(typedSomeoneElsesAddress.id(), null));
    }

    @Test
    void bySubjectIdEachAccountOnceUnknownOnesLeftOut() throws Exception {
        User verified = newUser();
        verifyEmail(verified.id());
        User unverified = newUser();
        assertAnswer(lookup(null, List.of(verified.id())), new Account(verified.id(), verified.email()));
        // e-mails first, then subject ids; an account named twice (by address and id) appears once
        assertAnswer(lookup(List.of(verified.email(), "nobody-" + UUID.randomUUID() + "@example.com"),
                List.of(unverified.id(), verified.id(), UUID.randomUUID().toString(), "request:" + UUID.randomUUID())),
                new Account(verified.id(), verified.email()), new Account(unverified.id(), null));
        assertAnswer(lookup(null, null));
    }

    @Test
    void onlyTheServiceRoleMayAsk() {
        User user = newUser();
        Map<String, Object> body = Map.of("emails", List.of(user.email()));
        given().auth().oauth2(user.token()).contentType(ContentType.JSON).body(body).when().post(PATH).then()
                .statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body).when().post(PATH).then()
                .statusCode(401).contentType("application/problem+json");
        // (officers and marketing: AuthorizationMatrixTest)
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        String tooLong = "a".repeat(245) + "@example.com"; // 257 characters
        String id65 = "a".repeat(65);
        List<String> eleven = Collections.nCopies(11, "someone@example.com");
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("emails", eleven),
                Map.of("subjectIds", Collections.nCopies(11, UUID.randomUUID().toString())),
                Map.of("emails", List.of(tooLong)),
                Map.of("emails", List.of("not-an-address")),
                Map.of("emails", List.of(" ")),
                Map.of("subjectIds", List.of(id65)),
                Map.of("subjectIds", List.of("x/../../clients")))) {
            String field = body.keySet().iterator().next();
            given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body).when().post(PATH).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(startsWith(field)));
        }
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(Map.of("phones", List.of("1")))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body("{\"emails\": \"a@example.com\"}")
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).when().post(PATH).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void keycloakDownIsA503ToAskAgain() {
        User user = newUser();
        FaultyKeycloakAccounts.FAIL_LOOKUP.add(user.email());
        lookup(List.of(user.email()), null).statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/identity-unavailable"));
        FaultyKeycloakAccounts.FAIL_LOOKUP.add(user.id());
        lookup(null, List.of(user.id())).statusCode(503).contentType("application/problem+json");
    }

    /**
     * Between {@code account.closed.v1} and the erasure request it makes dsar-service open, the lookup still answers
     * with the account's verified address (dsar-service asks at the start of that request); after the erasure, the
     * account is unknown.
     */
    @Test
    void aClosedAccountIsAnsweredWithItsVerifiedAddressUntilItsErasure() throws Exception {
        User user = newUser();
        verifyEmail(user.id());
        try (TopicReader events = new TopicReader(Topics.ACCOUNT_EVENTS);
                TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            requestClosure(user.token()).statusCode(200).body("status", equalTo("CLOSED"));
            assertEquals("account.closed.v1", TopicReader.header(events.read(Duration.ofSeconds(20),
                    r -> user.id().equals(r.key()), 1).get(0), "ce_type"));
            assertFalse(keycloakUser(user.id()).orElseThrow().enabled(), "nobody signs in with it any more");

            assertAnswer(lookup(null, List.of(user.id())), new Account(user.id(), user.email()));
            assertAnswer(lookup(List.of(user.email()), null), new Account(user.id(), user.email()));

            send(UUID.randomUUID().toString(), new ErasureRequested(UUID.randomUUID(), user.id(),
                    new Identities(List.of(user.email()), List.of()), ErasureMode.FULL));
            List<?> answers = results.read(Duration.ofSeconds(30), r -> user.id().equals(r.key())
                    && "privacy.erasure.completed.v1".equals(TopicReader.header(r, "ce_type"))
                    && "/privacy-suite/account-service".equals(TopicReader.header(r, "ce_source")), 1);
            assertEquals(1, answers.size());
        }
        assertTrue(keycloakUser(user.id()).isEmpty());
        assertAnswer(lookup(List.of(user.email()), List.of(user.id())));
    }
}
