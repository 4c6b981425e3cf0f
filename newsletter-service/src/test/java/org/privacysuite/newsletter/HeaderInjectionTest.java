package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.testsupport.TestTokens;

/** Nothing that becomes a mail header takes a line break or control character (issue 21, build 5). */
@QuarkusTest
class HeaderInjectionTest extends NewsletterTestBase {

    @Test
    void anIssueSubjectWithALineBreakIsRefusedAndNothingIsStored() {
        String marketing = TestTokens.token(UUID.randomUUID().toString(), List.of("marketing"));
        for (String breakOut : List.of("\r\nBcc: victim@example.com", "\nBcc: victim@example.com", "\r",
                "\u0000", "\u0085Bcc: x", "\u2028Bcc: x", "\tindented")) {
            String subject = "Spring news " + UUID.randomUUID() + breakOut;
            given().auth().oauth2(marketing).contentType("application/json")
                    .body(Map.of("subject", subject, "sections",
                            List.of(Map.of("topic", "recipes", "title", "T", "body", "B"))))
                    .when().post("/api/newsletter/issues").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("subject"));
            given().auth().oauth2(marketing).when().get("/api/newsletter/issues").then().statusCode(200)
                    .body("subject", not(hasItem(subject)));
            long stored = QuarkusTransaction.requiringNew().call(() -> Issue.count("subject", subject));
            assertEquals(0, stored);
        }
    }

    @Test
    void anAddressWithALineBreakIsRefusedAndNothingIsStoredOrMailed() {
        String local = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        for (String address : List.of("\"" + local + "\r\nBcc: victim@example.com\"@example.com",
                "\"" + local + "\nx\"@example.com", local + "\u0085@example.com")) {
            subscribe(address, List.of("recipes"), null).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("email"));
        }
        long stored = QuarkusTransaction.requiringNew().call(() -> Subscriber.count("email like ?1", "%" + local + "%"));
        assertEquals(0, stored);
        assertTrue(mailbox.getMailsSentTo("victim@example.com") == null
                || mailbox.getMailsSentTo("victim@example.com").isEmpty());
    }
}
