package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * A relay that accepts connections and never answers (a hung SMTP server) must not hold the request: the mail is
     * sent after commit on a worker thread, so the answer comes while the relay still hangs.
     */
    @Test
    void aHangingRelayDelaysTheMailNotTheAnswer() throws Exception {
        String email = "hung-" + UUID.randomUUID() + "@example.com";
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket relay = new ServerSocket(PORT, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!relay.isClosed()) {
                    try {
                        held.add(relay.accept()); // accepted, never greeted
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            RestAssuredConfig patient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000));
            given().config(patient).contentType("application/json")
                    .body(Map.of("type", "QUESTION", "email", email, "message", "Who reads my mail?"))
                    .when().post("/api/privacy-requests").then().statusCode(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty()); // the relay was indeed called
            assertEquals(1, queuedFor(email), "the mail waits in the outbox while the relay hangs");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anSmtpOutageDelaysMailAndNeverFailsARequest() throws Exception {
        String email = "patient-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "QUESTION", "email", email, "message", "Do you sell my data?"))
                .statusCode(201).body("status", equalTo("UNVERIFIED")).extract().path("id");
        assertEquals(1, queuedFor(email), "the code mail waits in the outbox");
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                QueuedMail.count("recipient = ?1 and attempts > 0", email)) == 1); // the refused attempt is over

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
