package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Journey 6. "When you contact us, we collect your contact information ... Once the matter is resolved and we have
 * no need for your personal information, we delete it or make it anonymous."
 */
class QuestionJourneyTest extends Journey {

    private MimeMessage[] mailsTo(String address) {
        return Arrays.stream(suite.mail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void questionIsVerifiedAnsweredClosedAndThenAnonymised() {
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        String id = gateway().contentType("application/json")
                .body(Map.of("type", "QUESTION", "jurisdiction", "GDPR", "email", email,
                        "message", "Which of my data do you keep, and for how long?"))
                .when().post("/api/privacy-requests")
                .then().statusCode(201).body("status", equalTo("UNVERIFIED")).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).length >= 1);
        Matcher code = Pattern.compile("code is (\\d{6})").matcher(body(mailsTo(email)[0]));
        code.find();
        gateway().contentType("application/json").body(Map.of("code", code.group(1)))
                .when().post("/api/privacy-requests/" + id + "/verify")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

        String officer = officerToken();
        as(officer).contentType("application/json")
                .body(Map.of("message", "We keep your contact details only until your question is answered."))
                .when().post("/api/privacy-requests/" + id + "/reply")
                .then().statusCode(200).body("status", equalTo("FULFILLED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).length >= 2);
        as(officer).when().post("/api/privacy-requests/" + id + "/close").then().statusCode(200);
        as(officer).when().get("/api/privacy-requests/" + id)
                .then().statusCode(200).body("email", equalTo(email));

        // The suite runs with a 3-second retention: the contact details go by themselves.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(officer).when().get("/api/privacy-requests/" + id)
                .then().statusCode(200).body("email", nullValue()).body("message", nullValue()));
        as(officer).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(200).body("action", hasItem("anonymised"))
                .body("find { it.action == 'replied' }.actor", containsString("officer:"));
    }
}
