package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.privacysuite.consent.domain.ConsentReceipt;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * Objections from dsar-service (privacy.objection.requested.v1) on the real broker and database: the purposes the
 * scope covers are refused for every identity the request proves, nothing is erased, other purposes stay as they
 * were, and the answer says what stopped for how many subjects.
 */
@QuarkusTest
class ObjectionTest extends ConsentTestBase {

    private static final String ANSWER = "privacy.objection.completed.v1";
    private static final String ADS = "advertising-cookies";
    private static final String NEWSLETTER = "newsletter-personalisation";
    private static final String ANALYTICS = "analytics-cookies";

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ObjectMapper mapper;

    private PrivacyRequestEvents events;

    @BeforeEach
    void events() {
        events = new PrivacyRequestEvents(clients, codec, mapper);
    }

    @Test
    void anObjectionToDirectMarketingRefusesItsPurposesForTheAccountAndItsDevicesAndErasesNothing() throws Exception {
        String account = UUID.randomUUID().toString();
        String token = TestTokens.user(account);
        String device = TestTokens.newDevice();
        AccountConsentTest.putMe(token, Map.of("choices", Map.of(ADS, true, NEWSLETTER, true, ANALYTICS, true),
                "method", "accept-all", "url", "https://shop.example.com/account")).statusCode(200);
        DeviceConsentTest.put(device, Map.of("choices", Map.of(ADS, true, ANALYTICS, true), "method", "custom"))
                .statusCode(200);
        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device).then().statusCode(200);
        List<String> subjects = List.of(account, device);
        int recordsBefore = records(subjects).size();
        int receiptsBefore = receipts(token).getList("").size();

        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ObjectionRequested objection = new ObjectionRequested(requestId, account, Identities.none(),
                ObjectionScope.DIRECT_MARKETING, List.of());
        JsonNode answer;
        List<ConsumerRecord<String, byte[]>> withdrawals;
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS);
                TopicReader changes = new TopicReader(Topics.CONSENT_EVENTS)) {
            events.send(eventId, objection);
            events.send(eventId, objection); // redelivered: carried out and answered once
            answer = events.awaitAnswer(results, account, ANSWER);
            assertTrue(results.readFor(Duration.ofSeconds(3),
                    r -> PrivacyRequestEvents.fromThisService(r, account)).isEmpty(), "one answer");
            withdrawals = changes.readFor(Duration.ofSeconds(5), r -> subjects.contains(r.key()) && !granted(r));
        }

        assertEquals(requestId.toString(), answer.get("requestId").asText());
        assertEquals(account, answer.get("subjectId").asText());
        assertEquals("consent-service", answer.get("service").asText());
        assertEquals("STOPPED", answer.get("outcome").asText());
        Map<String, Long> refused = expected("directMarketing", 2);
        assertEquals(refused, stopped(answer));

        // the account and its linked device: marketing refused, analytics as it was
        for (var state : List.of(AccountConsentTest.getMe(token), DeviceConsentTest.get(device))) {
            state.statusCode(200)
                    .body("purposes.find { it.purpose == '" + ADS + "' }.granted", equalTo(false))
                    .body("purposes.find { it.purpose == '" + NEWSLETTER + "' }.granted", equalTo(false))
                    .body("purposes.find { it.purpose == '" + ANALYTICS + "' }.granted", equalTo(true));
        }
        for (String subject : subjects) {
            check(subject, ADS).body("allowed", equalTo(false)).body("reason", equalTo("refused"));
            check(subject, NEWSLETTER).body("allowed", equalTo(false)).body("reason", equalTo("refused"));
            check(subject, ANALYTICS).body("allowed", equalTo(true));
        }
        // consent.changed.v1 for each refused purpose of each subject, and for nothing else
        assertEquals(subjects.stream().flatMap(s -> refused.keySet().stream().map(p -> s + " " + p))
                .collect(Collectors.toSet()), withdrawals.stream().map(this::keyAndPurpose).collect(Collectors.toSet()));

        // proof: one receipt per subject naming the objection; nothing erased or anonymised
        JsonPath receipts = receipts(token);
        assertEquals(receiptsBefore + 2, receipts.getList("").size());
        List<Map<String, Object>> objections = receipts.getList("findAll { it.collectionMethod == 'objection' }");
        assertEquals(2, objections.size());
        objections.forEach(r -> assertEquals("privacy-request", r.get("source")));
        List<ConsentRecord> records = records(subjects);
        assertEquals(recordsBefore + 2 * refused.size(), records.size());
        assertTrue(records.stream().noneMatch(r -> r.anonymised), "nothing anonymised");
        assertTrue(records.stream().anyMatch(r -> "https://shop.example.com/account".equals(r.pageUrl)),
                "the earlier decisions keep their proof");
        assertTrue(records.stream().filter(r -> "objection".equals(r.method))
                .allMatch(r -> !r.granted && refused.containsKey(r.purposeKey)));
    }

    @Test
    void aRequestWithoutAccountRefusesOnlyItsOwnProvenDevice() throws Exception {
        String device = TestTokens.newDevice();
        DeviceConsentTest.put(device, Map.of("choices", Map.of(ADS, true, NEWSLETTER, true), "method", "custom"))
                .statusCode(200);
        String othersDevice = TestTokens.newDevice();
        DeviceConsentTest.put(othersDevice, Map.of("choices", Map.of(ADS, true), "method", "custom")).statusCode(200);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .when().post("/api/consent/me/devices/" + othersDevice).then().statusCode(200);
        String placeholder = "request:" + UUID.randomUUID();

        JsonNode answer;
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            events.send(new ObjectionRequested(UUID.randomUUID(), placeholder,
                    new Identities(List.of("someone@example.com"), List.of(device, othersDevice, "NOT A DEVICE")),
                    ObjectionScope.DIRECT_MARKETING, List.of("consent-service")));
            answer = events.awaitAnswer(results, placeholder, ANSWER);
        }
        assertEquals("STOPPED", answer.get("outcome").asText());
        assertEquals(expected("directMarketing", 1), stopped(answer));
        check(device, ADS).body("reason", equalTo("refused"));
        check(device, NEWSLETTER).body("reason", equalTo("refused"));
        // another account's device stays that account's; nothing is kept under the placeholder or a malformed id
        check(othersDevice, ADS).body("allowed", equalTo(true));
        check(placeholder, ADS).body("reason", equalTo("no-decision"));
        assertTrue(records(List.of(placeholder, "NOT A DEVICE")).isEmpty());
        assertTrue(QuarkusTransaction.requiringNew()
                .call(() -> ConsentReceipt.ofSubjects(List.of(placeholder, "NOT A DEVICE")).isEmpty()));
    }

    @Test
    void aRequestWithNoAccountAndNoDeviceFindsNothing() throws Exception {
        String placeholder = "request:" + UUID.randomUUID();
        JsonNode answer;
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            events.send(new ObjectionRequested(UUID.randomUUID(), placeholder,
                    new Identities(List.of("nobody@example.com"), List.of()), ObjectionScope.DIRECT_MARKETING,
                    List.of()));
            answer = events.awaitAnswer(results, placeholder, ANSWER);
        }
        assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
        assertEquals(0, answer.get("stopped").size());
        assertNotNull(answer.get("reason").textValue());
        assertTrue(records(List.of(placeholder)).isEmpty());
    }

    @Test
    void anOptOutOfSaleRefusesTheGpcGovernedPurposesAlsoWhereNothingWasDecidedYet() throws Exception {
        String account = UUID.randomUUID().toString(); // has never decided anything
        String device = TestTokens.newDevice();
        DeviceConsentTest.put(device, Map.of("choices", Map.of(ADS, true, NEWSLETTER, true), "method", "custom"))
                .statusCode(200);

        JsonNode answer;
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            events.send(new ObjectionRequested(UUID.randomUUID(), account, new Identities(List.of(), List.of(device)),
                    ObjectionScope.SALE_OR_SHARING, List.of()));
            answer = events.awaitAnswer(results, account, ANSWER);
        }
        assertEquals("STOPPED", answer.get("outcome").asText());
        assertEquals(expected("gpcGoverned", 2), stopped(answer));
        check(device, ADS).body("allowed", equalTo(false)).body("reason", equalTo("refused"));
        check(device, NEWSLETTER).body("allowed", equalTo(true)); // not sold or shared: untouched
        // the opt-out holds for an account that only starts using the site now
        check(account, ADS).body("allowed", equalTo(false)).body("reason", equalTo("refused"));
        check(account, NEWSLETTER).body("reason", equalTo("no-decision"));
        String token = TestTokens.user(account);
        AccountConsentTest.getMe(token).statusCode(200).body("purposes.purpose", equalTo(List.of(ADS)));
        JsonPath receipts = receipts(token);
        assertEquals(List.of("opt-out-of-sale"), receipts.getList("collectionMethod"));
        assertEquals(List.of("privacy-request"), receipts.getList("source"));
        assertEquals(List.of(ADS), receipts.getList("[0].services[0].purposes.purposeKey"));
        assertEquals(List.of(false), receipts.getList("[0].services[0].purposes.granted"));
    }

    /**
     * What the answer must list: every refusable purpose of the live catalogue carrying the scope's mark (other test
     * classes add purposes to the same catalogue), refused for this many subjects.
     */
    private static Map<String, Long> expected(String mark, long subjects) {
        List<Map<String, Object>> catalogue = given().when().get("/api/consent/purposes").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Long> expected = new TreeMap<>();
        catalogue.stream().filter(p -> Boolean.TRUE.equals(p.get(mark)) && !Boolean.TRUE.equals(p.get("required")))
                .forEach(p -> expected.put((String) p.get("key"), subjects));
        assertTrue(expected.containsKey(ADS), "the seed marks advertising: " + expected);
        return expected;
    }

    /** The answer's {@code stopped}, as purpose to count; every entry a refusal. */
    private static Map<String, Long> stopped(JsonNode answer) {
        Map<String, Long> stopped = new TreeMap<>();
        answer.get("stopped").forEach(s -> {
            assertEquals("REFUSED", s.get("action").asText(), s.toString());
            stopped.put(s.get("processing").asText(), s.get("count").asLong());
        });
        return stopped;
    }

    private static io.restassured.response.ValidatableResponse check(String subject, String purpose) {
        return given().auth().oauth2(TestTokens.service()).queryParam("subject", subject)
                .queryParam("purpose", purpose).when().get("/api/consent/check").then().statusCode(200);
    }

    private static JsonPath receipts(String token) {
        return given().auth().oauth2(token).when().get("/api/consent/me/receipts").then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<ConsentRecord> records(List<String> subjects) {
        return QuarkusTransaction.requiringNew().call(() -> ConsentRecord.ofSubjects(subjects));
    }

    private boolean granted(ConsumerRecord<String, byte[]> change) {
        return read(change).get("granted").asBoolean();
    }

    private String keyAndPurpose(ConsumerRecord<String, byte[]> change) {
        return change.key() + " " + read(change).get("purpose").asText();
    }

    private JsonNode read(ConsumerRecord<String, byte[]> change) {
        try {
            return mapper.readTree(change.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
