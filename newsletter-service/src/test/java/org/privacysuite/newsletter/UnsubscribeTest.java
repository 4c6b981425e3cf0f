package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UnsubscribeTest extends NewsletterTestBase {

    @Test
    void oneClickPostNeedsNoLoginAndIsIdempotent() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String url = unsubscribeUrl(email);
        assertTrue(url.startsWith("http://127.0.0.1:8080/api/newsletter/unsubscribe?token="), url);

        // Exactly what a mail client does for RFC 8058: a POST with this body, no cookies, no credentials.
        for (int i = 0; i < 2; i++) {
            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .when().post(pathOf(url))
                    .then().statusCode(200)
                    .body("status", equalTo("UNSUBSCRIBED"));
        }
        assertEquals("UNSUBSCRIBED", myStatus(email));
    }

    @Test
    void oneClickAcceptsMultipartBodiesToo() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        given().multiPart("List-Unsubscribe", "One-Click")
                .when().post(pathOf(unsubscribeUrl(email)))
                .then().statusCode(200);
        assertEquals("UNSUBSCRIBED", myStatus(email));
    }

    @Test
    void getShowsAPageWithTheButtonAndChangesNothing() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String path = pathOf(unsubscribeUrl(email));
        given().accept("text/html").when().get(path)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<form method=\"post\" action=\"unsubscribe?token="))
                .body(containsString("<button type=\"submit\">Unsubscribe</button>"))
                .body(containsString(email.charAt(0) + "***@example.com"))
                .body(not(containsString(email))) // only masked: anyone holding the link sees the page
                .body(not(containsString("<script")));
        assertEquals("CONFIRMED", myStatus(email), "opening the page (or a mail scanner) unsubscribes nobody");

        // The button: a browser form post, answered with a page.
        given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .when().post(path)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("You are unsubscribed"));
        assertEquals("UNSUBSCRIBED", myStatus(email));

        given().accept("text/html").when().get(path).then().statusCode(200)
                .body(containsString("There is nothing to unsubscribe"))
                .body(not(containsString("<button")));
    }

    @Test
    void theCspHashMatchesTheInlineStyle() throws Exception {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        var response = given().accept("text/html").when().get(pathOf(unsubscribeUrl(email))).then().extract();
        String html = response.body().asString();
        String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(css.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(response.header("Content-Security-Policy").contains("style-src 'sha256-" + hash + "'"),
                response.header("Content-Security-Policy"));
    }

    @Test
    void aForgedOrAlteredTokenIsRefused() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String url = unsubscribeUrl(email);
        String token = url.substring(url.indexOf("token=") + 6);
        String otherSubscriber = "v1." + UUID.randomUUID() + token.substring(token.lastIndexOf('.'));
        for (String forged : List.of("garbage", otherSubscriber, token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"))) {
            given().queryParam("token", forged).when().post("/api/newsletter/unsubscribe")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://privacy-suite.org/problems/unsubscribe-link-invalid"));
        }
        given().when().post("/api/newsletter/unsubscribe").then().statusCode(400);
        assertEquals("CONFIRMED", myStatus(email));
    }

    @Test
    void unsubscribingAPendingSubscriptionKillsItsConfirmationLink() {
        String email = newEmail();
        subscribe(email, List.of("recipes"), null).statusCode(202);
        String token = confirmationToken(email);
        given().body("List-Unsubscribe=One-Click").contentType("application/x-www-form-urlencoded")
                .when().post(pathOf(unsubscribeUrl(email))).then().statusCode(200);
        confirm(token).statusCode(410);
    }

    @Test
    void theLinkKeepsAnsweringAfterTheSubscriberWasErased() throws Exception {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String path = pathOf(unsubscribeUrl(email));
        PrivacyRequestsTest.eraseAndAwait(UUID.randomUUID().toString(), List.of(email), List.of());
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(path).then().statusCode(200).body("status", equalTo("UNSUBSCRIBED"));
    }

    /** A stable account id per address: the first sign-in links the subscription to it. */
    static String accountOf(String email) {
        return UUID.nameUUIDFromBytes(email.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The subscription's status as its owner sees it when signed in (verified email claim). */
    static String myStatus(String email) {
        return given().auth().oauth2(userWithEmail(accountOf(email), email))
                .when().get("/api/newsletter/me")
                .then().statusCode(200)
                .body("subscription.email", startsWith(email.substring(0, 5)))
                .extract().path("subscription.status");
    }
}
