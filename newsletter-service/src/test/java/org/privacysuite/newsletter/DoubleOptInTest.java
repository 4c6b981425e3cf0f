package org.privacysuite.newsletter;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DoubleOptInTest extends NewsletterTestBase {

    @Test
    void subscribingSendsOneConfirmationLinkAndConfirmingActivates() {
        String local = "Reader." + UUID.randomUUID().toString().substring(0, 8);
        subscribe("  " + local + "@Example.COM ", List.of("recipes", "appliances"), null)
                .statusCode(202)
                // trimmed, domain lower-cased, local part kept as given (it is the mailbox's to interpret)
                .body("email", equalTo(local + "@example.com"))
                .body("topics", equalTo(List.of("appliances", "recipes")))
                .body("status", equalTo("CONFIRMATION_REQUIRED"));
        String address = local + "@example.com";

        List<Mail> mails = mailsTo(address);
        assertEquals(1, mails.size(), "one confirmation mail, nothing else before confirmation");
        Mail mail = mails.get(0);
        assertEquals("Please confirm your newsletter subscription", mail.getSubject());
        assertTrue(mail.getText().contains("Recipes") && mail.getText().contains("New appliances"), mail.getText());
        // Even the confirmation request can be stopped with one click.
        assertEquals(List.of("List-Unsubscribe=One-Click"), mail.getHeaders().get("List-Unsubscribe-Post"));
        assertTrue(mail.getHtml().contains(unsubscribeUrl(address)), "visible unsubscribe link");

        confirm(confirmationToken(address)).statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("email", equalTo(address))
                .body("topics", equalTo(List.of("appliances", "recipes")))
                .body("suppressionLifted", equalTo(false));
    }

    @Test
    void theCaseOfTheLocalPartDoesNotMakeANewSubscription() {
        String local = "case" + UUID.randomUUID().toString().substring(0, 8);
        subscribe(local + "@example.com", List.of("recipes"), null).statusCode(202);
        subscribe(local.toUpperCase() + "@EXAMPLE.com", List.of("recipes"), null).statusCode(202);
        assertEquals(1, mailsTo(local + "@example.com").size());
        assertEquals(0, mailsTo(local.toUpperCase() + "@example.com").size(), "same address: throttled, not a second subscription");
    }

    @Test
    void aReusedTokenIsRefused() {
        String email = newEmail();
        subscribe(email, List.of("recipes"), null).statusCode(202);
        String token = confirmationToken(email);
        confirm(token).statusCode(200);
        confirm(token).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/confirmation-used"));
    }

    @Test
    void anExpiredTokenIsRefusedAndANewLinkWorks() {
        String email = newEmail();
        subscribe(email, List.of("recipes"), null).statusCode(202);
        String token = confirmationToken(email);

        MovableClock.advance(Duration.ofHours(49)); // links work for 48 hours
        confirm(token).statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/confirmation-expired"));

        // Subscribing again (the resend interval has long passed) sends a fresh link, which works.
        subscribe(email, List.of("recipes"), null).statusCode(202);
        assertEquals(2, mailsTo(email).size());
        String fresh = confirmationToken(email);
        assertNotEquals(token, fresh);
        confirm(fresh).statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void aNewLinkReplacesTheOlderOne() {
        String email = newEmail();
        subscribe(email, List.of("recipes"), null).statusCode(202);
        String first = confirmationToken(email);
        MovableClock.advance(Duration.ofMinutes(11));
        subscribe(email, List.of("care-tips"), null).statusCode(202);
        String second = confirmationToken(email);

        confirm(first).statusCode(410);
        // Confirming applies the request the link was sent for.
        confirm(second).statusCode(200).body("topics", equalTo(List.of("care-tips")));
    }

    @Test
    void anUnknownTokenIsRefused() {
        confirm("not-a-token-we-ever-sent").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/confirmation-invalid"));
    }

    @Test
    void theAnswerIsTheSameWhetherTheAddressIsKnownOrNot() {
        String email = newEmail();
        ExtractableResponse<Response> unknown = subscribe(email, List.of("recipes"), null).statusCode(202).extract();
        confirm(confirmationToken(email)).statusCode(200);
        int mailsBefore = mailsTo(email).size();

        ExtractableResponse<Response> known = subscribe(email, List.of("recipes"), null).statusCode(202).extract();
        assertEquals(unknown.body().asString(), known.body().asString());
        assertEquals(unknown.contentType(), known.contentType());
        assertEquals(mailsBefore, mailsTo(email).size(), "within the resend interval nothing is mailed again");

        // Later, the mailbox (and only the mailbox) learns that someone tried; nothing about the subscription changes.
        MovableClock.advance(Duration.ofMinutes(11));
        ExtractableResponse<Response> later = subscribe(email, List.of("offers"), null).statusCode(202).extract();
        assertEquals(unknown.body().asString().replace("\"recipes\"", "\"offers\""), later.body().asString());
        List<Mail> notices = mailsTo(email, "You are already subscribed to our newsletter");
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).getHeaders().containsKey("List-Unsubscribe"));
        assertEquals(1, mailsTo(email, "Please confirm your newsletter subscription").size(), "no new opt-in for a subscribed address");

        given().auth().oauth2(userWithEmail(UnsubscribeTest.accountOf(email), email)).when().get("/api/newsletter/me").then().statusCode(200)
                .body("subscription.status", equalTo("CONFIRMED"))
                .body("subscription.topics", equalTo(List.of("recipes")));
    }

    @Test
    void aMailboxCannotBeFloodedThroughTheForm() {
        String email = newEmail();
        for (int i = 0; i < 5; i++) {
            subscribe(email, List.of("recipes"), null).statusCode(202);
        }
        assertEquals(1, mailsTo(email).size());
    }

    @Test
    void invalidRequestsAreRefusedWithProblemDetails() {
        subscribe("not-an-address", List.of("recipes"), null).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("email"));
        subscribe("someone@localhost", List.of("recipes"), null).statusCode(400).body("errors.field", hasItem("email"));
        subscribe(newEmail(), List.of("no-such-topic"), null).statusCode(400)
                .body("errors.field", hasItem("topics[0]"));
        subscribe(newEmail(), List.of(), null).statusCode(400).body("errors.field", hasItem("topics"));
        subscribe(newEmail(), List.of("recipes"), "not-a-device").statusCode(400).body("errors.field", hasItem("deviceId"));
        given().contentType("application/json")
                .body(Map.of("email", newEmail(), "topics", List.of("recipes"), "newsletterFrequency", "daily"))
                .when().post("/api/newsletter/subscriptions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theMailLinkLandsOnAPageWhoseButtonConfirms() {
        String email = newEmail();
        subscribe(email, List.of("recipes"), null).statusCode(202);
        String token = confirmationToken(email);

        // Opening the link (as mail scanners do) confirms nothing.
        given().accept("text/html").queryParam("token", token).when().get("/api/newsletter/subscriptions/confirm")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Cache-Control", "no-store")
                .body(containsString("<form method=\"post\" action=\"confirm\">"))
                .body(containsString("value=\"" + token + "\""))
                .body(not(containsString("<script")))
                .body(not(containsString("http://"))) // no external resources
                .body(not(containsString("https://")));

        given().accept("text/html").contentType("application/x-www-form-urlencoded").formParam("token", token)
                .when().post("/api/newsletter/subscriptions/confirm")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("your subscription is confirmed"));
        confirm(token).statusCode(409); // that was the one use
    }
}
