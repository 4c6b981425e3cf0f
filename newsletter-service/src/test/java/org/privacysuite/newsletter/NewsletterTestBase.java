package org.privacysuite.newsletter;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TestTokens;

/**
 * What every newsletter-service test runs on: the real database and broker, an OIDC server for tokens, the
 * contract-faithful consent-service stand-in, and the mailer's mock mailbox.
 */
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "newsletter"))
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(ConsentStub.class)
abstract class NewsletterTestBase {

    static final String PURPOSE = "newsletter-personalisation";
    private static final Pattern CONFIRM_LINK = Pattern.compile("/api/newsletter/subscriptions/confirm\\?token=([A-Za-z0-9_-]+)");

    @Inject
    MockMailbox mailbox;

    @AfterEach
    void resetClock() {
        MovableClock.reset();
    }

    static String newEmail() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static ValidatableResponse subscribe(String email, List<String> topics, String deviceId) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("topics", topics);
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        return given().contentType("application/json").body(body).when().post("/api/newsletter/subscriptions").then();
    }

    static ValidatableResponse confirm(String token) {
        return given().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm").then();
    }

    List<Mail> mailsTo(String address) {
        return mailbox.getMailsSentTo(address);
    }

    List<Mail> mailsTo(String address, String subject) {
        return mailsTo(address).stream().filter(m -> subject.equals(m.getSubject())).toList();
    }

    /** The token of the latest confirmation mail to the address, read from its link. */
    String confirmationToken(String address) {
        List<Mail> mails = mailsTo(address, "Please confirm your newsletter subscription");
        assertTrue(!mails.isEmpty(), "a confirmation mail to " + address);
        Matcher link = CONFIRM_LINK.matcher(mails.get(mails.size() - 1).getText());
        assertTrue(link.find(), "the confirmation mail has a confirmation link");
        return link.group(1);
    }

    /** Subscribes and confirms through the mail, as a person would; returns the address. */
    String confirmedSubscriber(String email, List<String> topics, String deviceId) {
        subscribe(email, topics, deviceId).statusCode(202);
        confirm(confirmationToken(email)).statusCode(200);
        return email;
    }

    /** The List-Unsubscribe URL of the latest mail to the address. */
    String unsubscribeUrl(String address) {
        List<Mail> mails = mailsTo(address);
        Mail last = mails.get(mails.size() - 1);
        List<String> header = last.getHeaders().get("List-Unsubscribe");
        assertEquals(1, header.size());
        String value = header.get(0);
        assertTrue(value.startsWith("<") && value.endsWith(">"), value);
        return value.substring(1, value.length() - 1);
    }

    /** The path and query of an absolute URL, to call it on the test application. */
    static String pathOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** A realm user whose identity provider has verified the address. */
    static String userWithEmail(String subject, String email) {
        return TestTokens.userWithEmail(subject, email, true);
    }

    static String marketing() {
        return TestTokens.token(UUID.randomUUID().toString(), List.of("marketing"));
    }

    /** A topic of the test's own, so that other tests' subscribers are not in its audience. */
    static String newTopic(String name) {
        String key = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(marketing()).contentType("application/json")
                .body(Map.of("title", "Topic " + name, "description", "About " + name))
                .when().put("/api/newsletter/topics/" + key).then().statusCode(201);
        return key;
    }
}
