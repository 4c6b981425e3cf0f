package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Journey 2. "When you subscribe to our newsletter, we collect your email address ... and your browsing data to
 * customize the newsletter to your interests. You can unsubscribe ... through the unsubscribe button."
 */
class NewsletterJourneyTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    private boolean browse(String device) {
        return gateway().contentType("application/json")
                .body(Map.of("deviceId", device, "topics", List.of("recipes")))
                .when().post("/api/newsletter/browsing-events")
                .then().statusCode(202).extract().path("stored");
    }

    private void consent(String device, boolean personalisation) {
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("newsletter-personalisation", personalisation), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
    }

    @Test
    void doubleOptInConsentGatedBrowsingAndOneClickUnsubscribe() {
        String device = UUID.randomUUID().toString();
        String email = "reader-" + UUID.randomUUID() + "@example.com";
        gateway().contentType("application/json")
                .body(Map.of("email", email, "topics", List.of("recipes", "care-tips"), "deviceId", device))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);

        MimeMessage confirmation = mails.awaitMail(email, 1);
        String token = Mails.find(Mails.body(confirmation), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm")
                .then().statusCode(200).body("status", equalTo("CONFIRMED"));
        gateway().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm")
                .then().statusCode(409); // single use: already used

        consent(device, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> browse(device));

        consent(device, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !browse(device));

        // Every mail offers the RFC 8058 one-click unsubscribe; the POST needs no login and is idempotent.
        assertEquals("List-Unsubscribe=One-Click", Mails.header(confirmation, "List-Unsubscribe-Post"));
        String link = Mails.find(Mails.header(confirmation, "List-Unsubscribe"), "<(https?://[^>]+)>");
        URI unsubscribe = URI.create(link);
        assertTrue(unsubscribe.getPath().endsWith("/api/newsletter/unsubscribe"), link);
        for (int i = 0; i < 2; i++) {
            gateway().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .when().post(unsubscribe.getPath() + "?" + unsubscribe.getRawQuery())
                    .then().statusCode(200);
        }
        gateway().when().get(unsubscribe.getPath() + "?" + unsubscribe.getRawQuery())
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        assertTrue(!browse(device), "no profile is built for an unsubscribed reader");
    }
}
