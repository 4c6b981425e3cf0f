package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16's acceptance in a real browser: the privacy officer works requests in the console through the gateway,
 * signed in on the real Keycloak login page; the console calls dsar-service as her. Every page is photographed
 * into docs/console/.
 */
class OfficerConsoleBrowserTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    @BeforeEach
    void consoleClientKnowsThisGateway() {
        ConsoleRealmClient.allowRedirectsTo(suite.gateway());
    }

    /** An erasure asked by e-mail, proven with the mailed code, from someone with a confirmed subscription. */
    private String pendingErasure() {
        String email = "console-" + UUID.randomUUID() + "@example.com";
        gateway().contentType("application/json").body(Map.of("email", email, "topics", List.of("appliances")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String token = Mails.find(Mails.body(mails.awaitMail(email, 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm").then().statusCode(200);
        String id = gateway().contentType("application/json")
                .body(Map.of("type", "ERASURE", "jurisdiction", "GDPR", "email", email))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        String code = Mails.find(Mails.body(mails.awaitMail(email, 2)), "code is (\\d{6})");
        gateway().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL"));
        return id;
    }

    /** A question of a newly signed-up person: open at once, in the officers' inbox. */
    private String question() {
        Person person = signUp(Map.of());
        return as(person.token()).contentType("application/json")
                .body(Map.of("type", "QUESTION", "jurisdiction", "GDPR", "message", "Which data do you keep about me?"))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> apiView(String id) {
        return as(officerToken()).when().get("/api/privacy-requests/" + id).then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }

    @Test
    void oliviaFindsANewRequestApprovesItAndSeesEachParticipantsRecordTypes() {
        String id = pendingErasure();
        try (ConsoleBrowser browser = new ConsoleBrowser(suite.gateway(), "en-GB,en")) {
            browser.signIn("olivia", "olivia-pass", "login");

            // the session cookie: an opaque key, Secure, HttpOnly, SameSite
            Cookie session = browser.driver.manage().getCookieNamed("q_session");
            assertNotNull(session, "session cookie");
            assertTrue(session.isSecure() && session.isHttpOnly(), "Secure and HttpOnly: " + session);
            assertEquals("Lax", session.getSameSite());
            assertFalse(session.getValue().contains("eyJ"), "no token in the cookie: " + session.getValue());

            // the queue, filtered to requests waiting for approval, paged until the new one shows
            browser.open("/?status=PENDING_APPROVAL&type=ERASURE");
            browser.screenshot("queue");
            while (browser.driver.findElements(By.cssSelector("a[href='/console/requests/" + id + "']")).isEmpty()) {
                browser.click(By.cssSelector("a[rel=next]"));
            }
            WebElement row = browser.find(By.cssSelector("a[href='/console/requests/" + id + "']"))
                    .findElement(By.xpath("./ancestor::tr"));
            assertTrue(row.getText().contains("days left") || row.getText().contains("due today"), row.getText());
            browser.click(By.cssSelector("a[href='/console/requests/" + id + "']"));
            assertEquals("PENDING_APPROVAL", browser.find(By.id("status")).getText());
            assertTrue(browser.text().contains("MAILED_CODE"), "how the address was proven");
            browser.screenshot("request-pending");

            browser.click(By.id("approve"));
            browser.screenshot("confirm-approve");
            browser.click(By.id("confirm"));
            assertTrue(browser.find(By.id("done")).getText().contains("Approve"));

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                browser.open("/requests/" + id);
                return "FULFILLED".equals(browser.find(By.id("status")).getText());
            });
            browser.screenshot("request-fulfilled");

            // every participant's answer, and each record type with what was done to it, as dsar-service has them
            List<Map<String, Object>> participants = (List<Map<String, Object>>) apiView(id).get("participants");
            assertEquals(3, participants.size(), "consent, account and newsletter answered: " + participants);
            for (Map<String, Object> participant : participants) {
                WebElement section = browser.find(By.id("participant-" + participant.get("service")));
                assertTrue(section.getText().contains((String) participant.get("outcome")), section.getText());
                List<Map<String, Object>> records = (List<Map<String, Object>>) participant.get("records");
                List<String> rows = section.findElements(By.cssSelector("table.records tbody tr")).stream()
                        .map(tr -> tr.findElements(By.tagName("td")).stream().limit(2).map(WebElement::getText)
                                .reduce((a, b) -> a + "|" + b).orElse(""))
                        .toList();
                for (Map<String, Object> record : records == null ? List.<Map<String, Object>>of() : records) {
                    assertTrue(rows.contains(record.get("recordType") + "|" + record.get("action")),
                            "record type " + record + " shown in " + rows);
                }
            }
            WebElement newsletter = browser.find(By.id("participant-newsletter-service"));
            assertFalse(newsletter.findElements(By.cssSelector("td.record-action")).isEmpty(),
                    "the subscriber's newsletter records: " + newsletter.getText());
            assertTrue(browser.find(By.cssSelector("table.audit")).getText().contains("approved"));
        }
    }

    @Test
    void oliviaDeniesOneRequestWithAReasonAndExtendsAnother() {
        String denied = question();
        String extended = question();
        try (ConsoleBrowser browser = new ConsoleBrowser(suite.gateway(), "en-GB,en")) {
            browser.signIn("olivia", "olivia-pass", null);

            browser.open("/requests/" + denied);
            browser.click(By.id("deny"));
            browser.find(By.id("reason-IDENTITY")).click();
            browser.find(By.id("details")).sendKeys("The account does not match the address given.");
            browser.screenshot("confirm-deny");
            browser.click(By.id("confirm"));
            assertEquals("DENIED", browser.find(By.id("status")).getText());
            String reason = "The identity could not be verified: The account does not match the address given.";
            assertTrue(browser.text().contains(reason), browser.text());
            assertEquals(reason, apiView(denied).get("denialReason"));

            browser.open("/requests/" + extended);
            browser.click(By.id("extend"));
            new Select(browser.find(By.id("months"))).selectByValue("1");
            browser.find(By.id("details")).sendKeys("We are gathering records from an archive.");
            browser.screenshot("confirm-extend");
            browser.click(By.id("confirm"));
            assertTrue(browser.text().contains("We are gathering records from an archive."), browser.text());
            assertTrue(browser.driver.findElements(By.id("extend")).isEmpty(), "no second extension offered");
            as(officerToken()).when().get("/api/privacy-requests/" + extended).then()
                    .body("extendedAt", notNullValue())
                    .body("extensionReason", equalTo("We are gathering records from an archive."));
            browser.screenshot("request-extended");
        }
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String id = pendingErasure();
        try (ConsoleBrowser browser = new ConsoleBrowser(suite.gateway(), "en-GB,en")) {
            browser.signIn("olivia", "olivia-pass", null);
            browser.open("/requests/" + id + "/confirm/approve");
            browser.driver.executeScript("document.querySelector('input[name=csrf-token]').remove()");
            browser.click(By.id("confirm"));
            assertTrue(browser.driver.findElements(By.id("done")).isEmpty(), "no approval notice");

            // the same post from outside the browser, with the officer's cookies but no token: 400
            browser.open("/requests/" + id);
            String cookies = browser.driver.manage().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElseThrow();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(suite.gateway() + "/console/requests/" + id + "/approve"))
                    .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("confirm=yes")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), answer.body());
        }
        assertEquals("PENDING_APPROVAL", apiView(id).get("status"), "nothing was approved");
    }

    @Test
    void aliceIsNotAnOfficerAndIsRefused() {
        try (ConsoleBrowser browser = new ConsoleBrowser(suite.gateway(), "en-GB,en")) {
            browser.signIn("alice", "alice-pass", null);
            assertTrue(browser.find(By.id("forbidden")).getText().contains("Only privacy officers"));
            assertTrue(browser.driver.findElements(By.cssSelector("table.queue")).isEmpty(), "no queue shown");
            browser.screenshot("refused");
            browser.open("/overview");
            assertEquals(1, browser.driver.findElements(By.id("forbidden")).size(), "every page refuses alice");

            // signing out ends the Keycloak session too: the console asks for a login again
            browser.driver.findElement(By.cssSelector("form[action='/console/logout'] button")).click();
            browser.find(By.id("username"));
        }
    }

    @Test
    void theOtherPagesInEnglishAndFrench() {
        String agentId = "console-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = new ConsoleBrowser(suite.gateway(), "fr-CA,fr,en")) {
            browser.signIn("olivia", "olivia-pass", null);
            assertEquals("Demandes", browser.heading(), "French from Accept-Language");
            browser.screenshot("queue-fr");
            browser.click(By.cssSelector("a[hreflang=en]"));
            assertEquals("Requests", browser.heading(), "the switch wins over the browser's languages");

            browser.open("/overview");
            assertTrue(browser.text().contains("Median days to fulfil"));
            browser.screenshot("overview");

            browser.open("/purposes");
            browser.screenshot("purposes");
            browser.click(By.cssSelector("table.purposes tbody a"));
            assertTrue(browser.text().contains("Notice history"));
            browser.screenshot("purpose");
            // saved as it is: the whole edit path (form, CSRF, PUT as olivia), and no new version for the other
            // journeys sharing this catalogue
            String version = browser.find(By.cssSelector("dl dd")).getText();
            browser.click(By.id("save"));
            assertEquals("Nothing in the notice changed: it stays at version " + version + ".",
                    browser.find(By.id("saved")).getText());

            browser.open("/agents");
            browser.find(By.id("agentId")).sendKeys(agentId);
            browser.find(By.id("name")).sendKeys("Console test agent");
            browser.find(By.id("verifyKey")).sendKeys("O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=");
            browser.click(By.id("onboard"));
            assertTrue(browser.text().contains(agentId), browser.text());
            browser.screenshot("agents");
            browser.click(By.cssSelector("a[href='/console/agents/" + agentId + "/remove']"));
            browser.screenshot("confirm-remove-agent");
            browser.click(By.id("confirm"));
            assertFalse(browser.text().contains(agentId), "removed");
        }
    }
}
