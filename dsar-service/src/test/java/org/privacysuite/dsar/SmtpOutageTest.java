package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.QueuedMail;
import org.privacysuite.dsar.service.MailDelivery;

/**
 * Mail after commit, never lost (issue 13): with the mail relay down a request is still received (201, not 500) and
 * its code mail waits in the outbox; once a real SMTP server answers again the mail goes out, and the code works.
 */
@QuarkusTest
@TestProfile(SmtpOutageTest.RealRelay.class)
class SmtpOutageTest extends DsarTestBase {

    static final int PORT = freePort();

    public static class RealRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(PORT), "quarkus.mailer.start-tls", "DISABLED",
                    "dsar.mail.first-retry", "PT1S");
        }
    }

    @Inject
    MailDelivery delivery;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long queuedFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> QueuedMail.count("recipient", email));
    }

    @Test
    void anSmtpOutageDelaysMailAndNeverFailsARequest() throws Exception {
        String email = "patient-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "QUESTION", "email", email, "message", "Do you sell my data?"))
                .statusCode(201).body("status", equalTo("UNVERIFIED")).extract().path("id");
        assertEquals(1, queuedFor(email), "the code mail waits in the outbox");

        GreenMail relay = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        try {
            Thread.sleep(1100); // past the first retry interval of this profile
            assertTrue(delivery.deliverDue() >= 1);
            MimeMessage[] received = relay.getReceivedMessages();
            assertEquals(1, received.length);
            assertEquals(email, received[0].getAllRecipients()[0].toString());
            Matcher code = Pattern.compile("code is (\\d{6})").matcher(GreenMailUtil.getBody(received[0]));
            assertTrue(code.find());
            assertEquals(0, queuedFor(email), "a sent mail leaves the outbox");
            given().contentType("application/json").body(Map.of("code", code.group(1)))
                    .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS"));
        } finally {
            relay.stop();
        }
    }
}
