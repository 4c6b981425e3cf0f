package org.privacysuite.dsar;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.RetainedItem;
import org.privacysuite.testsupport.TestTokens;

/**
 * Issue #15, item 3: the requester is told, in English or French, that the request arrived and by when it will be
 * answered, that it was extended and why, denied and where to complain, and done. Read from the mock mailbox.
 */
@QuarkusTest
class NoticesTest extends DsarTestBase {

    private static String person(String language) {
        return "notice-" + language + "-" + UUID.randomUUID() + "@example.com";
    }

    private static Mail mailWithSubject(String address, String subject) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(address).stream()
                .anyMatch(m -> m.getSubject().equals(subject)));
        return mailsTo(address).stream().filter(m -> m.getSubject().equals(subject)).findFirst().orElseThrow();
    }

    /** The day in UTC, as the notices write it. */
    private static String day(String instant) {
        return Instant.parse(instant).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    @Test
    void theAcknowledgementGivesTheDueDateInTheRequestersLanguage() {
        String en = person("en");
        var english = submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), en, true),
                Map.of("type", "OBJECTION", "jurisdiction", "CCPA")).statusCode(201).extract();
        Mail ack = mailWithSubject(en, "We received your privacy request");
        // 45 calendar days, worked out here from the receipt date the answer gives
        String due = Instant.parse(english.path("receivedAt")).atZone(ZoneOffset.UTC).plusDays(45).toLocalDate()
                .toString();
        assertTrue(ack.getText().contains("We will answer by " + due + " at the latest"), ack.getText());
        assertTrue(ack.getText().contains("to stop using your data"), ack.getText());
        assertTrue(ack.getText().contains(english.path("id")), "the reference");

        String fr = person("fr");
        submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), fr, true),
                Map.of("type", "ERASURE", "jurisdiction", "GDPR", "language", "fr")).statusCode(201);
        Mail accuse = mailWithSubject(fr, "Nous avons reçu votre demande sur vos données personnelles");
        assertTrue(accuse.getText().contains("Nous vous répondrons au plus tard le"), accuse.getText());
        assertTrue(accuse.getText().contains("de supprimer vos données"), accuse.getText());

        String quebec = person("qc");
        submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), quebec, true),
                Map.of("type", "OBJECTION", "jurisdiction", "QUEBEC")).statusCode(201);
        assertTrue(mailWithSubject(quebec, "Nous avons reçu votre demande sur vos données personnelles").getText()
                .contains("30 jours"), "French by default under Québec's law, with its 30 days");

        String browser = person("browser");
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.userWithEmail(UUID.randomUUID().toString(),
                browser, true)).header("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5").contentType("application/json")
                .body(Map.of("type", "OBJECTION")).post("/api/privacy-requests").then().statusCode(201);
        mailWithSubject(browser, "Nous avons reçu votre demande sur vos données personnelles");
        submit(null, Map.of("type", "ACCESS", "email", person("x"), "language", "de")).statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anExtensionSaysWhyAndUntilWhenAndUnderPipedaThatThePersonMayComplain() {
        String email = person("ext");
        String id = submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), email, true),
                Map.of("type", "OBJECTION", "jurisdiction", "PIPEDA")).statusCode(201).extract().path("id");
        String due = act(id, "extend", Map.of("months", 1, "reason", "We must search our archives"))
                .statusCode(200).extract().path("dueAt");
        Mail notice = mailWithSubject(email, "We need more time for your privacy request");
        assertTrue(notice.getText().contains("Why: We must search our archives"), notice.getText());
        assertTrue(notice.getText().contains("by " + day(due)), notice.getText());
        assertTrue(notice.getText().contains("Office of the Privacy Commissioner of Canada"), notice.getText());
    }

    @Test
    void aDenialSaysWhyAndWhereToComplain() {
        String en = person("deny");
        String id = submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), en, true),
                Map.of("type", "OBJECTION", "jurisdiction", "CCPA")).statusCode(201).extract().path("id");
        act(id, "deny", Map.of("reason", "We could not find you")).statusCode(200);
        Mail denial = mailWithSubject(en, "We cannot carry out your privacy request");
        assertTrue(denial.getText().contains("Why: We could not find you"), denial.getText());
        assertTrue(denial.getText().contains("California Privacy Protection Agency"), denial.getText());

        String fr = person("refus");
        String other = submit(TestTokens.userWithEmail(UUID.randomUUID().toString(), fr, true),
                Map.of("type", "OBJECTION", "jurisdiction", "PIPEDA", "language", "fr")).statusCode(201)
                .extract().path("id");
        act(other, "deny", Map.of("reason", "Demande en double")).statusCode(200);
        Mail refus = mailWithSubject(fr, "Nous ne pouvons pas donner suite à votre demande");
        assertTrue(refus.getText().contains("Commissariat à la protection de la vie privée du Canada"), refus.getText());
    }

    @Test
    void aCompletedErasureSaysWhatWasDeletedAndWhatTheLawMakesUsKeep() throws Exception {
        String subject = UUID.randomUUID().toString();
        String email = person("done");
        String id = submit(TestTokens.userWithEmail(subject, email, true), Map.of("type", "ERASURE"))
                .statusCode(201).extract().path("id");
        for (String service : PARTICIPANTS) {
            List<RetainedItem> retained = service.equals("account-service")
                    ? List.of(new RetainedItem("invoice", "tax law", Instant.parse("2033-12-31T00:00:00Z")))
                    : List.of();
            send(new ErasureCompleted(UUID.fromString(id), subject, service, ErasureOutcome.ERASED, List.of(), null,
                    null, retained), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(TestTokens.userWithEmail(subject, email, true),
                id).body("status", equalTo("FULFILLED")));
        Mail done = mailWithSubject(email, "Your privacy request is done");
        assertTrue(done.getText().contains("We deleted your data from every service that held it."), done.getText());
        assertTrue(done.getText().contains("invoice (tax law, until 2033-12-31)"), done.getText());
        assertEquals(2, mailsTo(email).size(), "the acknowledgement and the completion");
    }
}
