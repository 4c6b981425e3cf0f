package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.testsupport.MovableClock;

/**
 * Nobody can mail-bomb an address through the sign-up form (issue 21, build 4): at most N confirmation mails per
 * address and window (the answer stays the same 202), at most M sign-ups per client address (429 with Retry-After,
 * nothing stored or mailed). The client address is the gateway's X-Forwarded-For, believed from 127.0.0.1 here.
 */
@QuarkusTest
@TestProfile(SignUpThrottleTest.SmallLimits.class)
class SignUpThrottleTest extends NewsletterTestBase {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsletter.sign-ups.mails-per-address", "2", "newsletter.sign-ups.address-window", "1h",
                    "newsletter.sign-ups.requests-per-client", "3", "newsletter.sign-ups.client-window", "1h");
        }
    }

    private static int client = 0;

    private static String newClient() {
        client++;
        return "198.51.100." + (client % 250 + 1);
    }

    static ValidatableResponse subscribeFrom(String clientAddress, String email) {
        return given().header("X-Forwarded-For", clientAddress).contentType("application/json")
                .body(Map.of("email", email, "topics", List.of("recipes")))
                .when().post("/api/newsletter/subscriptions").then();
    }

    /** Moves the test clock to just after the start of an hour, so that the steps below stay in one window. */
    private static void startOfAWindow() {
        long now = Instant.now(MovableClock.instance()).getEpochSecond();
        MovableClock.advance(Duration.ofSeconds(3600 - now % 3600 + 1));
    }

    @Test
    void anAddressGetsAtMostTheLimitOfMailsWhateverTheForm() {
        startOfAWindow();
        String email = newEmail();
        String first = subscribeFrom(newClient(), email).statusCode(202).extract().asString();
        for (int i = 0; i < 3; i++) {
            MovableClock.advance(Duration.ofMinutes(11)); // past the resend interval each time
            String again = subscribeFrom(newClient(), email).statusCode(202).extract().asString();
            assertEquals(first, again, "the same answer whether or not a mail went out");
        }
        assertEquals(2, mailsTo(email).size(), "two mails, not four");
        // the next window allows mails again
        MovableClock.advance(Duration.ofHours(1));
        subscribeFrom(newClient(), email).statusCode(202);
        assertEquals(3, mailsTo(email).size());
    }

    @Test
    void aClientBeyondItsLimitIsRefusedWithRetryAfterAndNothingHappens() {
        startOfAWindow();
        String flooding = newClient();
        for (int i = 0; i < 3; i++) {
            subscribeFrom(flooding, newEmail()).statusCode(202);
        }
        String victim = newEmail();
        String retryAfter = subscribeFrom(flooding, victim).statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", equalTo("https://privacy-suite.org/problems/too-many-requests"))
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 3600, retryAfter);
        assertTrue(mailsTo(victim) == null || mailsTo(victim).isEmpty(), "no mail for a refused request");
        long stored = QuarkusTransaction.requiringNew().call(() -> Subscriber.count("email", victim));
        assertEquals(0, stored, "nothing stored for a refused request");
        // another client is not affected
        subscribeFrom(newClient(), victim).statusCode(202);
        assertEquals(1, mailsTo(victim).size());
    }
}
