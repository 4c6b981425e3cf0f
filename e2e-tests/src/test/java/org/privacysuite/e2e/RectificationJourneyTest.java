package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KeycloakServer;

/**
 * A person corrects their data (issue 13, item 5), through the gateway and the real services: the sign-in e-mail in
 * Keycloak, the city in account-service and the newsletter subscription's address are all corrected, the request is
 * FULFILLED once both owners answered, and the old address is told what changed.
 */
class RectificationJourneyTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    /** Keycloak's own view of the user, through its admin API. */
    private static JsonPath keycloakUser(String id) {
        return io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.adminToken())
                .when().get(KeycloakServer.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/users/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void emailAndCityAreCorrectedEverywhereTheyAreHeld() {
        Person person = signUp(Map.of("displayName", "Rita", "city", "Quebec"));
        // Keycloak proves the address (as its verification mail would): the person's token now vouches for it.
        Map<String, Object> representation = keycloakUser(person.id()).getMap("");
        representation.put("emailVerified", true); // the whole representation goes back, as Keycloak wants it
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.adminToken()).contentType("application/json")
                .body(representation)
                .when().put(KeycloakServer.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/users/" + person.id())
                .then().statusCode(204);
        String token = KeycloakServer.passwordToken(person.username(), person.password());

        as(token).contentType("application/json").body(Map.of("email", person.email(), "topics", List.of("recipes")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String confirm = Mails.find(Mails.body(mails.awaitMail(person.email(), 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", confirm))
                .when().post("/api/newsletter/subscriptions/confirm").then().statusCode(200);

        String corrected = "fixed-" + person.username() + "@example.org";
        String id = as(token).contentType("application/json")
                .body(Map.of("type", "RECTIFICATION", "message", "My address and city changed",
                        "changes", Map.of("email", corrected, "city", "Montreal")))
                .when().post("/api/privacy-requests").then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        as(officerToken()).when().post("/api/privacy-requests/" + id + "/approve").then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(officerToken())
                .when().get("/api/privacy-requests/" + id).then().statusCode(200)
                .body("status", equalTo("FULFILLED"))
                .body("participants.service", equalTo(List.of("account-service", "newsletter-service"))));
        JsonPath request = as(officerToken()).when().get("/api/privacy-requests/" + id).then().extract().jsonPath();
        assertEquals("RECTIFIED", request.getString("participants.find { it.service == 'account-service' }.outcome"));
        assertEquals("RECTIFIED", request.getString("participants.find { it.service == 'newsletter-service' }.outcome"));

        // Where the data lives: Keycloak, account-service, newsletter-service (its double opt-in to the new address).
        JsonPath user = keycloakUser(person.id());
        assertEquals(corrected, user.getString("email"));
        assertFalse(user.getBoolean("emailVerified"), "an officer's approval does not prove an address");
        as(KeycloakServer.passwordToken(person.username(), person.password())).when().get("/api/accounts/me")
                .then().statusCode(200).body("email", equalTo(corrected)).body("profile.city", equalTo("Montreal"));
        assertTrue(Mails.body(mails.awaitMail(corrected, 1)).contains("confirm?token="),
                "the subscription waits for the new address's confirmation");
        // the report of what was corrected (the acknowledgement before it names the request too)
        await().atMost(Duration.ofSeconds(30)).until(() -> mails.to(person.email()).stream()
                .anyMatch(m -> Mails.body(m).contains("to correct your data was carried out")));
        String notice = mails.to(person.email()).stream().map(Mails::body)
                .filter(b -> b.contains("to correct your data was carried out")).findFirst().orElseThrow();
        assertTrue(notice.contains("city (account-service): corrected"), notice);
        assertTrue(notice.contains("email (newsletter-service): corrected"), notice);
    }
}
