package org.privacysuite.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.domain.Account;
import org.privacysuite.testsupport.KeycloakServer;

/** Acceptance 1 (sign-up against the real Keycloak) and 3 (bad input, and nothing half-created when a step fails). */
@QuarkusTest
class SignUpTest extends AccountTestBase {

    @Test
    void signUpCreatesTheKeycloakUserWhoCanSignInAndTheProfileHere() throws Exception {
        String username = unique("Signup");
        String id = signUp(signUpBody(username, Map.of("displayName", "Sam Sign", "city", "Montreal"),
                List.of("displayName")))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/accounts/me"))
                .body("username", equalTo(username.toLowerCase()))
                .body("email", equalTo(username.toLowerCase() + "@example.com"))
                .body("profile.displayName", equalTo("Sam Sign"))
                .body("profile.city", equalTo("Montreal"))
                .body("profile.bio", nullValue())
                .body("sharedFields", contains("displayName"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .extract().path("id");

        // The account id is the Keycloak subject, and the person can sign in with the password they chose.
        assertEquals(username.toLowerCase(), keycloakUser(id).orElseThrow().username());
        String token = KeycloakServer.passwordToken(username.toLowerCase(), PASSWORD);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(id, new ObjectMapper().readTree(payload).get("sub").asText());
        me(token).statusCode(200).body("id", equalTo(id)).body("status", equalTo("ACTIVE"))
                .body("profile.city", equalTo("Montreal"));

        // Our database holds the profile, never a password (there is no column that could hold one).
        assertTrue(row(id).isPresent());
        List<?> columns = QuarkusTransaction.requiringNew().call(() -> Account.getEntityManager().createNativeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND (LOWER(column_name) LIKE '%pass%' OR LOWER(column_name) LIKE '%credential%')")
                .getResultList());
        assertEquals(List.of(), columns);
    }

    @Test
    void duplicateUsernameOrEmailIsAConflictAndCreatesNothing() {
        User first = newUser();
        long accounts = countRows("account");

        Map<String, Object> sameName = signUpBody(first.username(), null, null);
        sameName.put("email", unique("other") + "@example.com");
        signUp(sameName).statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("errors[0].field", equalTo("username"));

        String otherName = unique("other");
        Map<String, Object> sameEmail = signUpBody(otherName, null, null);
        sameEmail.put("email", first.email().toUpperCase());
        signUp(sameEmail).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/account-exists"))
                .body("errors[0].field", equalTo("email"));

        assertEquals(accounts, countRows("account"));
        assertTrue(keycloak().findByEmail(first.email()).map(u -> u.id().equals(first.id())).orElse(false));
        assertFalse(exists(otherName));
    }

    @Test
    void keycloakRefusingTheShortPasswordIsAClear400AndNothingIsStored() {
        String username = unique("shortpw");
        Map<String, Object> body = signUpBody(username, Map.of("bio", "hello"), null);
        body.put("password", "short");
        long accounts = countRows("account");
        signUp(body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"))
                .body("detail", containsString("minimum length"));
        assertFalse(exists(username));
        assertEquals(accounts, countRows("account"));
    }

    @Test
    void invalidInputIsRefusedBeforeKeycloakIsAsked() {
        long accounts = countRows("account");
        String username = unique("bad");

        Map<String, Object> badEmail = signUpBody(username, null, null);
        badEmail.put("email", "not-an-email");
        signUp(badEmail).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("email"));

        Map<String, Object> unknownField = signUpBody(username, null, null);
        unknownField.put("role", "privacy-officer");
        signUp(unknownField).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));

        signUp(signUpBody(username, Map.of("ssn", "123-45-6789"), null)).statusCode(400)
                .contentType("application/problem+json");
        signUp(signUpBody(username, Map.of("website", "javascript:alert(1)"), null)).statusCode(400)
                .body("errors.field", hasItem("profile.website"));
        signUp(signUpBody(username, Map.of("bio", "x".repeat(1001)), null)).statusCode(400)
                .body("errors.field", hasItem("profile.bio"));
        signUp(signUpBody(username, null, List.of("email"))).statusCode(400)
                .body("errors.field", hasItem("sharedFields"));
        signUp(signUpBody("me", null, null)).statusCode(400).body("errors.field", hasItem("username"));
        signUp(signUpBody("a b", null, null)).statusCode(400).body("errors.field", hasItem("username"));

        Map<String, Object> noPassword = signUpBody(username, null, null);
        noPassword.remove("password");
        signUp(noPassword).statusCode(400).body("errors.field", hasItem("password"));

        given().contentType(ContentType.JSON).body("{\"username\": \"" + username + "\",")
                .when().post("/api/accounts").then().statusCode(400).contentType("application/problem+json");

        assertFalse(exists(username));
        assertEquals(accounts, countRows("account"));
    }

    @Test
    void hugePayloadIsRefusedWithoutReadingIt() {
        String username = unique("huge");
        Map<String, Object> body = signUpBody(username, Map.of("bio", "x".repeat(200_000)), null);
        signUp(body).statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        assertFalse(exists(username));
    }

    @Test
    void databaseFailingAfterKeycloakCreatedTheUserDeletesTheKeycloakUserAgain() {
        String username = unique("dbfail");
        FaultyProfileStore.FAIL_AFTER_INSERT.add(username);
        long accounts = countRows("account");
        signUp(signUpBody(username, Map.of("displayName", "Half"), null))
                .statusCode(500).contentType("application/problem+json");
        assertFalse(exists(username), "compensation removed the Keycloak user");
        assertEquals(accounts, countRows("account"), "the profile transaction rolled back");

        // The same sign-up works once the database is back: nothing was left behind to collide with.
        FaultyProfileStore.FAIL_AFTER_INSERT.clear();
        signUp(signUpBody(username, null, null)).statusCode(201).body("id", notNullValue());
    }

    @Test
    void keycloakUnavailableIsA503AndNothingIsStored() {
        String username = unique("kcdown");
        FaultyKeycloakAccounts.FAIL_CREATE.add(username);
        long accounts = countRows("account");
        signUp(signUpBody(username, null, null)).statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/identity-unavailable"));
        assertEquals(accounts, countRows("account"));
        assertFalse(exists(username));
    }

    @Test
    void aUsernameStillHeldHereIsAConflictWithoutTouchingKeycloak() {
        // A row whose Keycloak user is gone (an account being erased, say) still owns its username here.
        String username = unique("stale");
        QuarkusTransaction.requiringNew().run(() -> Account.getEntityManager().createNativeQuery(
                "INSERT INTO account (id, username, shared_fields, status, created_at, updated_at)"
                        + " VALUES (:id, :username, '', 'ACTIVE', NOW(), NOW())")
                .setParameter("id", java.util.UUID.randomUUID().toString()).setParameter("username", username)
                .executeUpdate());
        signUp(signUpBody(username, null, null)).statusCode(409).body("errors[0].field", equalTo("username"));
        assertFalse(exists(username));
    }

    private static boolean exists(String username) {
        return keycloakUserNamed(username).isPresent();
    }
}
