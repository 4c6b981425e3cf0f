package org.privacysuite.newsletter;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class MyNewsletterTest extends NewsletterTestBase {

    @Test
    void theSubscriptionIsFoundByVerifiedEmailThenByAccount() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String account = UUID.randomUUID().toString();
        given().auth().oauth2(userWithEmail(account, email)).when().get("/api/newsletter/me").then().statusCode(200)
                .body("subscription.email", equalTo(email))
                .body("subscription.status", equalTo("CONFIRMED"))
                .body("subscription.accountLinked", equalTo(true));
        // Linked now: a token without the email claim (or after the address changed at the identity provider) finds it.
        given().auth().oauth2(TestTokens.user(account)).when().get("/api/newsletter/me").then().statusCode(200)
                .body("subscription.email", equalTo(email));
        // Another account with the same (verified) address cannot take over a linked subscription.
        given().auth().oauth2(userWithEmail(UUID.randomUUID().toString(), email)).when().get("/api/newsletter/me")
                .then().statusCode(404);
    }

    @Test
    void anUnverifiedEmailClaimLinksNothing() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String unverified = io.smallrye.jwt.build.Jwt.subject(UUID.randomUUID().toString())
                .issuer("https://server.example.com").audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("user")))
                .claim("email", email).claim("email_verified", false)
                .jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(unverified).when().get("/api/newsletter/me").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/not-subscribed"));
    }

    @Test
    void subscribingWhileSignedInWithAnotherAddressDoesNotLinkIt() {
        String account = UUID.randomUUID().toString();
        String mine = newEmail();
        String someoneElses = newEmail();
        given().auth().oauth2(userWithEmail(account, mine)).contentType("application/json")
                .body(Map.of("email", someoneElses, "topics", List.of("recipes")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        given().auth().oauth2(userWithEmail(account, mine)).when().get("/api/newsletter/me").then().statusCode(404);
    }

    @Test
    void preferencesChangeTopicsAndUnsubscribe() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String token = userWithEmail(UUID.randomUUID().toString(), email);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of("offers", "care-tips")))
                .when().put("/api/newsletter/me").then().statusCode(200)
                .body("subscription.topics", equalTo(List.of("care-tips", "offers")));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of("nope")))
                .when().put("/api/newsletter/me").then().statusCode(400);

        given().auth().oauth2(token).contentType("application/json").body(Map.of("subscribed", false))
                .when().put("/api/newsletter/me").then().statusCode(200)
                .body("subscription.status", equalTo("UNSUBSCRIBED"));

        // Coming back needs the address owner's confirmation again.
        MovableClock.advance(Duration.ofMinutes(11));
        int before = mailsTo(email).size();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("subscribed", true))
                .when().put("/api/newsletter/me").then().statusCode(200)
                .body("subscription.status", equalTo("UNSUBSCRIBED"));
        assertEquals(before + 1, mailsTo(email).size());
        confirm(confirmationToken(email)).statusCode(200).body("topics", equalTo(List.of("care-tips", "offers")));
        given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(200)
                .body("subscription.status", equalTo("CONFIRMED"));
    }

    @Test
    void onlySignedInUsers() {
        given().when().get("/api/newsletter/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service()).when().get("/api/newsletter/me").then().statusCode(403);
    }

    @Test
    void topicsArePublicAndMaintainedByMarketing() {
        given().when().get("/api/newsletter/topics").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.hasItems("appliances", "recipes", "care-tips", "offers"));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).contentType("application/json")
                .body(Map.of("title", "T", "description", "D"))
                .when().put("/api/newsletter/topics/sneaky").then().statusCode(403);
    }

    @Test
    void metricsCountMails() {
        confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("newsletter_mails_sent_total{kind=\"confirmation\"}"),
                "mail counter exported");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("newsletter_confirmations_total"));
    }
}
