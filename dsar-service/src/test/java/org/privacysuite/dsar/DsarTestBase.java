package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.domain.QueuedMail;
import org.privacysuite.dsar.service.ParticipantRegistry;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.IdentityDirectoryStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.MovableClock;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TestTokens;

@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "dsar"))
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(IdentityDirectoryStub.class)
public abstract class DsarTestBase {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ParticipantRegistry registry;

    /** The participants the tests answer for, declared as the services declare themselves at start. */
    static final List<String> PARTICIPANTS = List.of("account-service", "consent-service", "newsletter-service");

    /** The fields each test participant declares rectifiable, as the real services do. */
    static final Map<String, List<String>> RECTIFIABLE = Map.of("account-service", List.of("email", "username", "city"),
            "consent-service", List.of(), "newsletter-service", List.of("email"));

    /**
     * Checked in the database, not remembered: a test class with other resources runs on a fresh database. Services
     * an earlier run on the same broker declared and did not retire (it failed half-way) are retired here, so that
     * the sagas of these tests ask exactly {@link #PARTICIPANTS}.
     */
    @BeforeEach
    void declareParticipants() throws Exception {
        IdentityDirectoryStub.reset(); // nobody known to account-service or consent-service unless a test says so
        MovableClock.reset();
        List<String> active = QuarkusTransaction.requiringNew().call(DeclaredParticipant::activeServices);
        active.stream().filter(service -> !PARTICIPANTS.contains(service))
                .forEach(service -> registry.retire(service, "test-setup"));
        if (active.containsAll(PARTICIPANTS) && QuarkusTransaction.requiringNew().call(() -> DeclaredParticipant
                .<DeclaredParticipant>findById("account-service").declarationJson.contains("DERIVED"))) {
            return;
        }
        for (String service : PARTICIPANTS) {
            send(ParticipantDeclared.declaration(service, List.of(
                    DeclaredRecordType.deleted("test-record", "a test record").from(DataOrigin.PROVIDED),
                    DeclaredRecordType.deleted("test-profile", "what was inferred").from(DataOrigin.DERIVED)),
                    List.of(), RECTIFIABLE.get(service), Instant.now()), "/" + service);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(DeclaredParticipant::activeServices).containsAll(PARTICIPANTS));
    }

    /**
     * Waits until every mail queued so far has been handed to the relay (mails go out after commit, on a worker
     * thread), so that what a test reads from the mailbox, or finds missing there, is settled. Mails the relay
     * refused (attempts above 0) stay queued for their retry and are not waited for.
     */
    static void awaitMailHandedOver() {
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> QueuedMail.count("attempts = 0") == 0));
    }

    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");

    /** The verification code in the latest mail to this address. */
    static String codeMailedTo(String email) {
        List<Mail> mails = mailsTo(email);
        assertFalse(mails.isEmpty(), "a code was mailed to " + email);
        Matcher code = CODE.matcher(mails.get(mails.size() - 1).getText());
        assertTrue(code.find(), "the mail holds a code");
        return code.group(1);
    }

    /** The mails sent to this address, once the mail queued so far has gone out. */
    static List<Mail> mailsTo(String address) {
        awaitMailHandedOver();
        return Arc.container().instance(MockMailbox.class).get().getMailsSentTo(address);
    }

    /**
     * Whether a command on privacy.requests names the participants it is for (a re-ask), unlike the first ask, which
     * goes to every participant. The relay may publish the first ask after a test opened its reader.
     */
    static boolean isReask(ConsumerRecord<String, byte[]> command) {
        try {
            return !new ObjectMapper().readTree(command.value()).path("participants").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ValidatableResponse submit(String token, Object body) {
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/api/privacy-requests").then();
    }

    static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/privacy-requests/" + id).then();
    }

    protected static ValidatableResponse act(String id, String action, Object body) {
        var request = given().auth().oauth2(TestTokens.officer());
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().post("/api/privacy-requests/" + id + "/" + action).then();
    }

    /** Sends an event as a participant service would, with the given event id. */
    protected void send(String eventId, EventData data, String source) throws Exception {
        EventType type = EventType.of(data).orElseThrow();
        clients.producer().send(codec.encode(type.topic(), eventId, type.type(), URI.create(source), data.subjectId(),
                Instant.now(), codec.toJson(data))).get(10, TimeUnit.SECONDS);
    }

    protected void send(EventData data, String source) throws Exception {
        send(UUID.randomUUID().toString(), data, source);
    }
}
