package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.ExportLink;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.testsupport.TestTokens;

/** "Downloadable by the owner" when the owner has no account: the package's link goes to the verified address. */
@QuarkusTest
class ExportLinkTest extends DsarTestBase {

    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    private static final Pattern LINK = Pattern.compile("(\\S+/api/privacy-requests/([0-9a-f-]+)/export\\?token=([A-Za-z0-9_-]+))");


    @Inject
    ObjectMapper mapper;

    private Matcher lastMail(String email, Pattern pattern) {
        List<Mail> mails = mailsTo(email);
        Matcher matcher = pattern.matcher(mails.get(mails.size() - 1).getText());
        assertTrue(matcher.find(), "mail to " + email + ": " + mails.get(mails.size() - 1).getText());
        return matcher;
    }

    /** An access request by email, verified with the mailed code, approved if it waits, answered by every service. */
    private String fulfilledAccessByEmail(String email) throws Exception {
        String id = submit(null, Map.of("type", "ACCESS", "jurisdiction", "GDPR", "email", email))
                .statusCode(201).extract().path("id");
        String status = given().contentType("application/json").body(Map.of("code", lastMail(email, CODE).group(1)))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200).extract().path("status");
        if (status.equals("PENDING_APPROVAL")) {
            act(id, "approve", null).statusCode(200);
        }
        for (String service : List.of("consent-service", "account-service", "newsletter-service")) {
            send(new AccessCompleted(UUID.fromString(id), "request:" + id, service,
                    mapper.readTree("{\"heldBy\":\"" + service + "\",\"email\":\"" + email + "\"}")), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(TestTokens.officer(), id)
                .statusCode(200).body("status", equalTo("FULFILLED")));
        return id;
    }

    @Test
    void theRequesterGetsADownloadLinkThatOpensOnlyTheirPackage() throws Exception {
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        String id = fulfilledAccessByEmail(email);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).stream()
                .anyMatch(m -> m.getSubject().equals("Your data is ready")));
        Matcher link = lastMail(email, LINK);
        assertTrue(link.group(1).startsWith("http://127.0.0.1:8080/api/privacy-requests/"), link.group(1));
        assertEquals(id, link.group(2));
        String token = link.group(3);

        given().queryParam("token", token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(200).body("requestId", equalTo(id))
                .body("sections.newsletter.email", equalTo(email))
                .body("sections.account.heldBy", equalTo("account-service"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(200).body("action", hasItem("export-link-mailed"))
                .body("action", hasItem("export-downloaded"));

        // no token: who is asking? a wrong or another request's token: nothing there
        given().when().get("/api/privacy-requests/" + id + "/export").then().statusCode(401)
                .contentType("application/problem+json");
        given().queryParam("token", token.substring(1)).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(404).contentType("application/problem+json");
        String other = fulfilledAccessByEmail("other-" + UUID.randomUUID() + "@example.com");
        given().queryParam("token", token).when().get("/api/privacy-requests/" + other + "/export")
                .then().statusCode(404);
        given().queryParam("token", "x".repeat(500)).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(400).contentType("application/problem+json");

        // an expired link opens nothing
        QuarkusTransaction.requiringNew().run(() -> ExportLink.update("expiresAt = ?1 where requestId = ?2",
                Instant.now().minusSeconds(1), id));
        given().queryParam("token", token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(404);
    }

    @Test
    void aLinkWorksForALimitedNumberOfDownloads() throws Exception {
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        String id = fulfilledAccessByEmail(email);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).stream()
                .anyMatch(m -> m.getSubject().equals("Your data is ready")));
        String token = lastMail(email, LINK).group(3);
        for (int download = 1; download <= 3; download++) { // dsar.export.link-max-downloads
            given().queryParam("token", token).when().get("/api/privacy-requests/" + id + "/export")
                    .then().statusCode(200).body("requestId", equalTo(id));
        }
        given().queryParam("token", token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(200).body("findAll { it.action == 'export-downloaded' }.size()", equalTo(3));
    }

    @Test
    void signedInOwnersGetNoLinkTheyDownloadWithTheirToken() throws Exception {
        String subject = UUID.randomUUID().toString();
        String email = "member-" + UUID.randomUUID() + "@example.com";
        String token = TestTokens.userWithEmail(subject, email, true);
        String id = submit(token, Map.of("type", "ACCESS")).statusCode(201).extract().path("id");
        for (String service : List.of("consent-service", "account-service", "newsletter-service")) {
            send(new AccessCompleted(UUID.fromString(id), subject, service, mapper.readTree("{}")), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
        assertEquals(List.of("We received your privacy request", "Your privacy request is done"),
                mailsTo(email).stream().map(m -> m.getSubject()).toList(),
                "no code (verified by token) and no link (account holder): told to sign in");
        assertTrue(mailsTo(email).get(1).getText().contains("Sign in to your account"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ExportLink.count("requestId", id)));
        given().auth().oauth2(token).when().get("/api/privacy-requests/" + id + "/export").then().statusCode(200);
    }
}
