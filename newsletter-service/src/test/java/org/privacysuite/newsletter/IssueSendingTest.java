package org.privacysuite.newsletter;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.mail.MailKind;
import org.privacysuite.newsletter.mail.Postman;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class IssueSendingTest extends NewsletterTestBase {

    private static final Pattern SECTION = Pattern.compile("<section data-topic=\"([^\"]+)\">");

    @Inject
    Mailer mailer;

    static String createIssue(String subject, List<String> topics) {
        List<Map<String, String>> sections = new ArrayList<>();
        for (String topic : topics) {
            sections.add(Map.of("topic", topic, "title", "About " + topic, "body", "First paragraph on " + topic
                    + ".\n\nSecond paragraph."));
        }
        return given().auth().oauth2(marketing()).contentType("application/json")
                .body(Map.of("subject", subject, "intro", "Hello <reader>!", "sections", sections))
                .when().post("/api/newsletter/issues")
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract().path("id");
    }

    static ValidatableResponse send(String issueId, Integer limit) {
        var request = given().auth().oauth2(marketing());
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        return request.when().post("/api/newsletter/issues/" + issueId + "/send").then();
    }

    List<Mail> issueMails(String address, String subject) {
        return mailsTo(address, subject);
    }

    static List<String> sectionOrder(Mail mail) {
        List<String> order = new ArrayList<>();
        Matcher m = SECTION.matcher(mail.getHtml());
        while (m.find()) {
            order.add(m.group(1));
        }
        return order;
    }

    @Test
    void personalisedOrderOnlyWhereConsentHolds() {
        String a = newTopic("garden");
        String b = newTopic("kitchen");
        String c = newTopic("laundry");
        String subject = "Issue " + UUID.randomUUID();

        // Reads mostly laundry, then kitchen, with consent.
        String personalisedDevice = TestTokens.newDevice();
        String personalised = confirmedSubscriber(newEmail(), List.of(a, b, c), personalisedDevice);
        ConsentStub.grant(personalisedDevice, PURPOSE);
        for (String topic : List.of(c, c, c, b, b)) {
            BrowsingEventsTest.browse(personalisedDevice, topic).statusCode(202).body("stored", equalTo(true));
        }
        // Has an interest profile (say, left from before) but no consent now: it must not be used.
        String genericDevice = TestTokens.newDevice();
        String generic = confirmedSubscriber(newEmail(), List.of(a, b, c), genericDevice);
        ConsentStub.refuse(genericDevice, PURPOSE);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String topic : List.of(c, b)) {
                InterestScore score = new InterestScore();
                score.subjectId = genericDevice;
                score.purpose = PURPOSE;
                score.topicKey = topic;
                score.score = topic.equals(c) ? 9 : 5;
                score.updatedAt = Instant.now();
                score.persist();
            }
        });
        // Only subscribed to one of the topics: gets only that section.
        String narrow = confirmedSubscriber(newEmail(), List.of(b), null);

        String issue = createIssue(subject, List.of(a, b, c));
        send(issue, null).statusCode(200)
                .body("status", equalTo("SENT"))
                .body("progress.total", equalTo(3))
                .body("progress.sent", equalTo(3))
                .body("progress.personalised", equalTo(1));

        Mail personalisedCopy = issueMails(personalised, subject).get(0);
        Mail genericCopy = issueMails(generic, subject).get(0);
        Mail narrowCopy = issueMails(narrow, subject).get(0);
        assertEquals(List.of(c, b, a), sectionOrder(personalisedCopy));
        assertTrue(personalisedCopy.getHtml().contains("ordered by the topics you read most"));
        assertEquals(List.of(a, b, c), sectionOrder(genericCopy));
        assertTrue(genericCopy.getHtml().contains("same order for every reader"));
        assertEquals(List.of(b), sectionOrder(narrowCopy));
        // Content is escaped in HTML, plain in text.
        assertTrue(genericCopy.getHtml().contains("Hello &lt;reader&gt;!"));
        assertTrue(genericCopy.getText().contains("Hello <reader>!"));
    }

    @Test
    void everyIssueMailCarriesOneClickUnsubscribe() {
        String topic = newTopic("tips");
        String subject = "Issue " + UUID.randomUUID();
        String email = confirmedSubscriber(newEmail(), List.of(topic), null);
        send(createIssue(subject, List.of(topic)), null).statusCode(200);

        Mail mail = issueMails(email, subject).get(0);
        List<String> listUnsubscribe = mail.getHeaders().get("List-Unsubscribe");
        assertEquals(1, listUnsubscribe.size());
        assertTrue(listUnsubscribe.get(0).matches("<http://127\\.0\\.0\\.1:8080/api/newsletter/unsubscribe\\?token=v1\\.[^>]+>"),
                listUnsubscribe.get(0));
        assertEquals(List.of("List-Unsubscribe=One-Click"), mail.getHeaders().get("List-Unsubscribe-Post"));
        String url = listUnsubscribe.get(0).substring(1, listUnsubscribe.get(0).length() - 1);
        // The visible link at the bottom of both parts.
        String html = mail.getHtml();
        assertTrue(html.lastIndexOf(url) > html.lastIndexOf("</section>"), "unsubscribe link after the content");
        assertTrue(html.contains(">Unsubscribe</a>"));
        assertTrue(mail.getText().contains("Unsubscribe with one click, no sign-in needed: " + url));

        // And it works: the next issue does not reach the address.
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(pathOf(url)).then().statusCode(200);
        String next = "Issue " + UUID.randomUUID();
        send(createIssue(next, List.of(topic)), null).statusCode(200).body("progress.total", equalTo(0));
        assertEquals(0, issueMails(email, next).size());
    }

    @Test
    void aSendStoppedAfterNResumesWithoutDuplicates() {
        String topic = newTopic("resume");
        String subject = "Issue " + UUID.randomUUID();
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readers.add(confirmedSubscriber(newEmail(), List.of(topic), null));
        }
        String issue = createIssue(subject, List.of(topic));
        given().auth().oauth2(marketing()).when().get("/api/newsletter/issues/" + issue).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("progress.total", equalTo(5)).body("progress.sent", equalTo(0));

        // Stop after 2.
        send(issue, 2).statusCode(202)
                .body("status", equalTo("SENDING"))
                .body("progress.sent", equalTo(2))
                .body("progress.pending", equalTo(3))
                .body("progress.total", equalTo(5));
        assertEquals(2, readers.stream().mapToInt(r -> issueMails(r, subject).size()).sum());
        given().auth().oauth2(marketing()).when().get("/api/newsletter/issues/" + issue).then().statusCode(200)
                .body("status", equalTo("SENDING"))
                .body("sendStartedAt", notNullValue())
                .body("progress.sent", equalTo(2))
                .body("progress.total", equalTo(5));

        // Resume.
        send(issue, null).statusCode(200)
                .body("status", equalTo("SENT"))
                .body("sentAt", notNullValue())
                .body("progress.sent", equalTo(5))
                .body("progress.pending", equalTo(0));
        // Sending again is harmless.
        send(issue, null).statusCode(200).body("progress.sent", equalTo(5));

        for (String reader : readers) {
            assertEquals(1, issueMails(reader, subject).size(), "exactly one copy for " + reader);
        }
    }

    @Test
    void aSendInterruptedByTheMailServerResumesWithoutDuplicates() {
        String topic = newTopic("outage");
        String subject = "Issue " + UUID.randomUUID();
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(confirmedSubscriber(newEmail(), List.of(topic), null));
        }
        String issue = createIssue(subject, List.of(topic));

        // The mail server accepts two mails, then goes away.
        FlakyPostman flaky = new FlakyPostman(mailer, 2);
        QuarkusMock.installMockForType(flaky, Postman.class);
        send(issue, null).statusCode(202)
                .body("status", equalTo("SENDING"))
                .body("progress.sent", equalTo(2))
                .body("progress.failed", equalTo(0)) // not given up on: retried
                .body("progress.pending", equalTo(2));
        assertEquals(3, flaky.calls.get(), "the round stops at the first failure");

        flaky.budget.set(Integer.MAX_VALUE); // back up
        send(issue, null).statusCode(200).body("status", equalTo("SENT")).body("progress.sent", equalTo(4));

        for (String reader : readers) {
            assertEquals(1, issueMails(reader, subject).size(), "exactly one copy for " + reader);
        }
    }

    @Test
    void aRecipientWhoUnsubscribesBeforeTheirTurnIsNotMailed() {
        String topic = newTopic("late");
        String subject = "Issue " + UUID.randomUUID();
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readers.add(confirmedSubscriber(newEmail(), List.of(topic), null));
        }
        String issue = createIssue(subject, List.of(topic));
        send(issue, 1).statusCode(202);
        String notYet = readers.stream().filter(r -> issueMails(r, subject).isEmpty()).findFirst().orElseThrow();
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(pathOf(unsubscribeUrl(notYet))).then().statusCode(200);

        send(issue, null).statusCode(200).body("progress.sent", equalTo(2)).body("progress.total", equalTo(2));
        assertEquals(0, issueMails(notYet, subject).size());
    }

    @Test
    void subscribersWhoConfirmAfterSendingStartedWaitForTheNextIssue() {
        String topic = newTopic("audience");
        String subject = "Issue " + UUID.randomUUID();
        confirmedSubscriber(newEmail(), List.of(topic), null);
        confirmedSubscriber(newEmail(), List.of(topic), null);
        String issue = createIssue(subject, List.of(topic));
        send(issue, 1).statusCode(202).body("progress.total", equalTo(2));
        MovableClock.advance(java.time.Duration.ofSeconds(5));
        String late = confirmedSubscriber(newEmail(), List.of(topic), null);
        send(issue, null).statusCode(200).body("progress.total", equalTo(2)).body("progress.sent", equalTo(2));
        assertEquals(0, issueMails(late, subject).size());
    }

    @Test
    void onlyMarketingAndOfficersWriteAndSendIssues() {
        String topic = newTopic("roles");
        Map<String, Object> body = Map.of("subject", "S", "sections",
                List.of(Map.of("topic", topic, "title", "T", "body", "B")));
        given().contentType("application/json").body(body).when().post("/api/newsletter/issues").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).contentType("application/json").body(body)
                .when().post("/api/newsletter/issues").then().statusCode(403);
        String id = given().auth().oauth2(TestTokens.officer()).contentType("application/json").body(body)
                .when().post("/api/newsletter/issues").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .when().post("/api/newsletter/issues/" + id + "/send").then().statusCode(403);
        given().auth().oauth2(marketing()).when().get("/api/newsletter/issues/no-such-issue").then().statusCode(404);
        given().auth().oauth2(marketing()).when().post("/api/newsletter/issues/no-such-issue/send").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(marketing()).contentType("application/json")
                .body(Map.of("subject", "S", "sections", List.of(Map.of("topic", "no-such-topic", "title", "T", "body", "B"))))
                .when().post("/api/newsletter/issues").then().statusCode(400);
    }

    /** The mail server as seen through Postman: accepts {@code budget} mails, then fails every send. */
    static class FlakyPostman extends Postman {

        final Mailer real;
        final AtomicInteger budget;
        final AtomicInteger calls = new AtomicInteger();

        FlakyPostman(Mailer real, int budget) {
            this.real = real;
            this.budget = new AtomicInteger(budget);
        }

        @Override
        public void deliver(MailKind kind, Mail mail) {
            calls.incrementAndGet();
            if (budget.getAndDecrement() <= 0) {
                throw new IllegalStateException("SMTP connection refused");
            }
            real.send(mail);
        }
    }
}
