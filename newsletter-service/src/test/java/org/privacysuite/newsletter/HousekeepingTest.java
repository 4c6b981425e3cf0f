package org.privacysuite.newsletter;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.Housekeeping;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;

/** Storage limitation: what lost its purpose is deleted on schedule (the job is run by hand here). */
@QuarkusTest
class HousekeepingTest extends NewsletterTestBase {

    @Inject
    Housekeeping housekeeping;

    static boolean exists(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.byEmailKey(email.toLowerCase()).isPresent());
    }

    @Test
    void unconfirmedSubscriptionsGoAfterAWeek() {
        String never = newEmail();
        subscribe(never, List.of("recipes"), null).statusCode(202);
        String confirmed = confirmedSubscriber(newEmail(), List.of("recipes"), null);

        MovableClock.advance(Duration.ofDays(6));
        housekeeping.purge();
        assertTrue(exists(never), "kept within the week");

        MovableClock.advance(Duration.ofDays(2));
        housekeeping.purge();
        assertEquals(false, exists(never), "never confirmed: deleted");
        assertTrue(exists(confirmed));
    }

    @Test
    void oldBrowsingDataGoesAfterTheRetention() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.grant(device, PURPOSE);
        BrowsingEventsTest.browse(device, "recipes").statusCode(202).body("stored", equalTo(true));

        MovableClock.advance(Duration.ofDays(91));
        housekeeping.purge();
        assertEquals(0, BrowsingEventsTest.events(device));
        assertEquals(0, (long) QuarkusTransaction.requiringNew().call(() -> InterestScore.count("subjectId", device)));
        assertEquals(0, (long) QuarkusTransaction.requiringNew().call(() -> BrowsingEvent.count("subjectId", device)));
    }

    @Test
    void anUnsubscribedAddressEndsAsASuppressionHashAndComingBackNeedsAnOptIn() throws Exception {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(pathOf(unsubscribeUrl(email))).then().statusCode(200);

        MovableClock.advance(Duration.ofDays(31));
        housekeeping.purge();
        assertEquals(false, exists(email));
        assertEquals(1, PrivacyRequestsTest.count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1"
                + " AND reason = 'UNSUBSCRIBED'", PrivacyRequestsTest.hmac(email)));
        assertEquals(List.of(), PrivacyRequestsTest.mentions(List.of(email)));

        subscribe(email, List.of("recipes"), null).statusCode(202);
        List<Mail> confirmations = mailsTo(email, "Please confirm your newsletter subscription");
        assertTrue(confirmations.get(confirmations.size() - 1).getText().contains("This address unsubscribed from our newsletter earlier"));
        confirm(confirmationToken(email)).statusCode(200).body("suppressionLifted", equalTo(true));
        assertEquals(0, PrivacyRequestsTest.count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1",
                PrivacyRequestsTest.hmac(email)));
        assertEquals("m***@example.com", EmailAddresses.masked("me@example.com"));
    }
}
