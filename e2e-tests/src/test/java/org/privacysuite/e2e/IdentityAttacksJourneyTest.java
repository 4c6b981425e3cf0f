package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KeycloakServer;

/**
 * Issue 21's three attacks, through the gateway with real tokens: a request acts only on identities its requester
 * has proven (docs/identity.md), and a device belongs to at most one account.
 */
class IdentityAttacksJourneyTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    /** Someone without an account whose newsletter subscription is confirmed: data held under an e-mail address. */
    private String subscribedVictim() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        gateway().contentType("application/json").body(Map.of("email", victim, "topics", List.of("appliances")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String token = Mails.find(Mails.body(mails.awaitMail(victim, 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm").then().statusCode(200);
        return victim;
    }

    private String request(String token, Map<String, Object> body) {
        return as(token).contentType("application/json").body(body).when().post("/api/privacy-requests")
                .then().statusCode(201).extract().path("id");
    }

    /** The victim's own access request by e-mail shows the subscription is still there, untouched. */
    private void assertSubscriptionIntact(String victim, int mailsSoFar) {
        String id = gateway().contentType("application/json")
                .body(Map.of("type", "ACCESS", "jurisdiction", "GDPR", "email", victim))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        String code = Mails.find(Mails.body(mails.awaitMail(victim, mailsSoFar + 1)), "code is (\\d{6})");
        gateway().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200);
        String officer = officerToken();
        as(officer).when().post("/api/privacy-requests/" + id + "/approve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(officer).when()
                .get("/api/privacy-requests/" + id).then().statusCode(200).body("status", equalTo("FULFILLED")));
        String link = mails.awaitFind(victim, "(http\\S+/export\\?token=\\S+)");
        String export = gateway().when().get(link.substring(link.indexOf("/api/"))).then().statusCode(200)
                .extract().asString();
        assertTrue(export.contains(victim), "the victim's subscription is still there: " + export);
    }

    @Test
    void aSignedInUserCannotActOnSomeoneElsesAddress() {
        String victim = subscribedVictim();
        String alice = KeycloakServer.passwordToken("alice", "alice-pass");
        String access = request(alice, Map.of("type", "ACCESS", "jurisdiction", "GDPR", "email", victim));
        String erasure = request(alice, Map.of("type", "ERASURE", "jurisdiction", "GDPR", "email", victim));

        // the codes go to the named address; nothing moves without them
        await().atMost(Duration.ofSeconds(30)).until(() -> mails.to(victim).size() == 3);
        assertTrue(mails.to("alice@example.com").isEmpty(), "no code to the requester");
        for (String id : List.of(access, erasure)) {
            as(alice).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                    .body("status", equalTo("UNVERIFIED")).body("participants.size()", equalTo(0));
        }
        assertNotEquals(200, as(alice).when().get("/api/privacy-requests/" + access + "/export").then().extract()
                .statusCode(), "no export for alice");
        assertSubscriptionIntact(victim, 3);
    }

    @Test
    void signingUpWithSomeoneElsesAddressGivesNoAccessToItsData() {
        String victim = subscribedVictim();
        String username = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "Pw-" + UUID.randomUUID();
        gateway().contentType("application/json")
                .body(Map.of("username", username, "email", victim, "password", password, "profile", Map.of()))
                .when().post("/api/accounts").then().statusCode(201);
        String impostor = KeycloakServer.passwordToken(username, password);

        String id = request(impostor, Map.of("type", "ACCESS", "jurisdiction", "GDPR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mails.to(victim).size() == 2);
        assertTrue(Mails.body(mails.to(victim).get(1)).contains("code is"), "the code goes to the address");
        as(impostor).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                .body("status", equalTo("UNVERIFIED"))
                .body("identities.find { it.kind == 'email' }.proof", equalTo(null));
        assertNotEquals(200, as(impostor).when().get("/api/privacy-requests/" + id + "/export").then().extract()
                .statusCode());
    }

    @Test
    void aDeviceLinkedToAnAccountCannotBeTakenOver() {
        Person owner = signUp(Map.of());
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("advertising-cookies", false), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        as(owner.token()).when().post("/api/consent/me/devices/" + device).then().statusCode(200);

        String alice = KeycloakServer.passwordToken("alice", "alice-pass");
        as(alice).contentType("application/json")
                .body(Map.of("choices", Map.of("advertising-cookies", true), "method", "custom"))
                .when().put("/api/consent/me").then().statusCode(200);
        as(alice).when().post("/api/consent/me/devices/" + device).then().statusCode(409)
                .contentType("application/problem+json");

        boolean allowed = as(serviceToken()).queryParam("subject", device).queryParam("purpose", "advertising-cookies")
                .when().get("/api/consent/check").then().statusCode(200).extract().path("allowed");
        assertFalse(allowed, "the owner's refusal still holds for the device");
        assertEquals(Boolean.FALSE, as(owner.token()).when().get("/api/consent/me").then().statusCode(200).extract()
                .path("purposes.find { it.purpose == 'advertising-cookies' }.granted"));
    }
}
