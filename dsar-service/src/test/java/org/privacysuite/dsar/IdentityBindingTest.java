package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.VerificationChallenge;
import org.privacysuite.dsar.service.Sha256;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * docs/identity.md: a request acts only on identities its requester has proven. An address the token does not vouch
 * for waits for the mailed code, and until then nothing about it leaves dsar-service.
 */
@QuarkusTest
class IdentityBindingTest extends DsarTestBase {



    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    private static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }


    /** Every event dsar-service ever wrote for the request (the outbox is the only way out). */
    private long eventsAbout(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM event_outbox WHERE data LIKE :id").setParameter("id", "%" + requestId + "%")
                .getSingleResult()).longValue());
    }

    private static io.restassured.response.ValidatableResponse verify(String id, String code) {
        return given().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then();
    }

    @Test
    void aSignedInUserNamingSomeoneElsesAddressWaitsForThatAddressesCode() throws Exception {
        String alice = UUID.randomUUID().toString();
        String aliceMail = address("alice");
        String victim = address("victim");
        String token = TestTokens.userWithEmail(alice, aliceMail, true);
        for (String type : List.of("ACCESS", "ERASURE")) {
            String id = submit(token, Map.of("type", type, "email", victim)).statusCode(201)
                    .body("status", equalTo("UNVERIFIED")).extract().path("id");
            get(token, id).statusCode(200).body("status", equalTo("UNVERIFIED"))
                    .body("identities.find { it.kind == 'email' }.value", equalTo(victim))
                    .body("identities.find { it.kind == 'email' }.proof", nullValue())
                    .body("identities.find { it.kind == 'subject' }.proof", equalTo("TOKEN_SUBJECT"));
            assertEquals(0, eventsAbout(id), type + ": nothing leaves dsar-service before the proof");
            act(id, "approve", null).statusCode(409); // not even an officer can start it unproven
            assertEquals(0, eventsAbout(id));
        }
        assertEquals(2, mailsTo(victim).size(), "the codes go to the named address");
        assertTrue(mailsTo(aliceMail).isEmpty(), "never to the requester's own");
    }

    @Test
    void anAddressTheTokenDoesNotVouchForIsProvenByCodeBeforeAnyEventCarriesIt() throws Exception {
        String subject = UUID.randomUUID().toString();
        String unverified = address("signup");
        String token = TestTokens.userWithEmail(subject, unverified, false);
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            String id = submit(token, Map.of("type", "ACCESS")).statusCode(201)
                    .body("status", equalTo("UNVERIFIED")).extract().path("id");
            assertEquals(0, eventsAbout(id));
            verify(id, codeMailedTo(unverified)).statusCode(200).body("status", equalTo("IN_PROGRESS"));
            get(token, id).body("identities.find { it.kind == 'email' }.proof", equalTo("MAILED_CODE"));
            List<ConsumerRecord<String, byte[]>> sent = commands.read(Duration.ofSeconds(20),
                    r -> subject.equals(r.key()), 1);
            JsonNode command = mapper.readTree(sent.get(0).value());
            assertEquals(id, command.get("requestId").asText());
            assertEquals(unverified, command.at("/identities/emails/0").asText(), "proven now, so carried");
        }
    }

    @Test
    void aVerifiedTokenAddressIsNotSlowedDown() throws Exception {
        String subject = UUID.randomUUID().toString();
        String email = address("member");
        String token = TestTokens.userWithEmail(subject, email, true);
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            String id = submit(token, Map.of("type", "ERASURE", "email", email.toUpperCase())).statusCode(201)
                    .body("status", equalTo("IN_PROGRESS")).extract().path("id");
            get(token, id).body("identities.find { it.kind == 'email' }.proof", equalTo("TOKEN_VERIFIED_EMAIL"));
            JsonNode command = mapper.readTree(commands.read(Duration.ofSeconds(20),
                    r -> subject.equals(r.key()), 1).get(0).value());
            assertEquals(email, command.at("/identities/emails/0").asText());
        }
        assertTrue(mailsTo(email).stream().noneMatch(m -> m.getText().contains("code is")), "no code needed");
        assertEquals(List.of("We received your privacy request"),
                mailsTo(email).stream().map(m -> m.getSubject()).toList(), "only the acknowledgement");
    }

    @Test
    void parallelGuessesCannotPassTheAttemptLimit() throws Exception {
        String email = address("target");
        String id = submit(null, Map.of("type", "ERASURE", "email", email)).statusCode(201).extract().path("id");
        String code = codeMailedTo(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        int guesses = 12;
        CyclicBarrier start = new CyclicBarrier(guesses);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        IntStream.range(0, guesses).forEach(i -> answers.add(CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return verify(id, wrong).extract().statusCode();
        })));
        List<Integer> codes = answers.stream().map(CompletableFuture::join).toList();
        assertEquals(5, codes.stream().filter(c -> c == 400).count(), "exactly max-attempts guesses counted: " + codes);
        assertEquals(guesses - 5, codes.stream().filter(c -> c == 429).count(), "the rest locked out: " + codes);
        verify(id, code).statusCode(429).contentType("application/problem+json");
        get(TestTokens.officer(), id).body("status", equalTo("UNVERIFIED"));
    }

    @Test
    void onlyAKeyedHashOfTheCodeIsStored() {
        String email = address("stored");
        String id = submit(null, Map.of("type", "QUESTION", "email", email, "message", "What do you keep?"))
                .statusCode(201).extract().path("id");
        String code = codeMailedTo(email);
        String stored = QuarkusTransaction.requiringNew().call(() -> VerificationChallenge.<VerificationChallenge>findById(id).codeHash);
        assertFalse(stored.contains(code));
        // the unkeyed hash of this code would fall to a million guesses offline
        assertNotEquals(Sha256.hex(id + ":" + code), stored);
        assertEquals(64, stored.length());
        verify(id, code).statusCode(200);
    }
}
