package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.AnswerParts;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.SubjectKeys;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.TopicReader;

@QuarkusTest
class ConsentEventsTest extends ConsentTestBase {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void changedStatesAreAnnouncedOnConsentEvents() throws IOException {
        String device = TestTokens.newDevice();
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            Map<String, Object> grant = Map.of("choices", Map.of("analytics-cookies", true), "method", "custom");
            DeviceConsentTest.put(device, grant).statusCode(200);
            DeviceConsentTest.put(device, grant).statusCode(200); // unchanged: no event
            DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", false), "method", "custom"))
                    .statusCode(200);

            List<ConsumerRecord<String, byte[]>> events = reader.read(Duration.ofSeconds(20),
                    r -> device.equals(r.key()), 2);
            events.addAll(reader.readFor(Duration.ofSeconds(2), r -> device.equals(r.key())));
            assertEquals(2, events.size());
            JsonNode first = mapper.readTree(events.get(0).value());
            JsonNode second = mapper.readTree(events.get(1).value());
            assertEquals("consent.changed.v1", TopicReader.header(events.get(0), "ce_type"));
            assertEquals("/privacy-suite/consent-service", TopicReader.header(events.get(0), "ce_source"));
            assertEquals("analytics-cookies", first.get("purpose").asText());
            assertTrue(first.get("granted").asBoolean());
            assertEquals(1, first.get("noticeVersion").asInt());
            assertEquals(false, second.get("granted").asBoolean());
        }
    }

    @Test
    void erasureIsAppliedOnceAndAnsweredOnce() throws Exception {
        String account = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        String token = TestTokens.user(account);
        AccountConsentTest.putMe(token, Map.of("choices", Map.of("app-usage-data", true), "method", "custom"))
                .statusCode(200);
        DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", true, "advertising-cookies", false),
                "method", "custom")).statusCode(200);
        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device).then().statusCode(200);

        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ErasureRequested erasure = new ErasureRequested(requestId, account, Identities.none(), ErasureMode.FULL);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(eventId, erasure);
            send(eventId, erasure); // redelivered: same event id

            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> fromThisService(r, account) && "privacy.erasure.completed.v1".equals(TopicReader.header(r, "ce_type")), 1);
            answers.addAll(results.readFor(Duration.ofSeconds(3),
                    r -> fromThisService(r, account) && "privacy.erasure.completed.v1".equals(TopicReader.header(r, "ce_type"))));
            assertEquals(1, answers.size(), "one answer for one request");
            JsonNode answer = mapper.readTree(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            assertEquals("consent-service", answer.get("service").asText());
            assertEquals("ERASED", answer.get("outcome").asText());
            Map<String, JsonNode> byType = new java.util.HashMap<>();
            answer.get("records").forEach(r -> byType.put(r.get("recordType").asText(), r));
            // account: 1 own + 2 merged records; device: 2 records
            assertEquals(5, byType.get("consent-record").get("count").asLong());
            assertEquals("ANONYMISE", byType.get("consent-record").get("action").asText());
            assertEquals(3, byType.get("consent-receipt").get("count").asLong());
            assertEquals(5, byType.get("consent-state").get("count").asLong());
            assertEquals("DELETE", byType.get("consent-state").get("action").asText());
            assertEquals(1, byType.get("device-link").get("count").asLong());
        }

        AccountConsentTest.getMe(token).statusCode(200).body("purposes", empty());
        given().auth().oauth2(token).when().get("/api/consent/me/receipts").then().statusCode(200).body("", empty());
        DeviceConsentTest.get(device).statusCode(200).body("purposes", empty());
        given().auth().oauth2(TestTokens.service()).queryParam("subject", device).queryParam("purpose", "analytics-cookies")
                .when().get("/api/consent/check").then().body("allowed", equalTo(false));

        // A second, separate request finds nothing left.
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            UUID again = UUID.randomUUID();
            send(UUID.randomUUID().toString(), new ErasureRequested(again, account, Identities.none(), ErasureMode.FULL));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> fromThisService(r, account), 1);
            assertEquals("NOTHING_FOUND", mapper.readTree(answers.get(0).value()).get("outcome").asText());
        }
    }

    @Test
    void accessRequestIsAnsweredOnceWithTheSubjectsData() throws Exception {
        String account = UUID.randomUUID().toString();
        AccountConsentTest.putMe(TestTokens.user(account),
                Map.of("choices", Map.of("newsletter-personalisation", true), "method", "custom",
                        "url", "https://shop.example.com/newsletter")).statusCode(200);
        UUID requestId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        AccessRequested access = new AccessRequested(requestId, account, Identities.none());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(eventId, access);
            send(eventId, access);
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> fromThisService(r, account), 1);
            answers.addAll(results.readFor(Duration.ofSeconds(3), r -> fromThisService(r, account)));
            assertEquals(1, answers.size());
            assertEquals("privacy.access.completed.v1", TopicReader.header(answers.get(0), "ce_type"));
            JsonNode data = mapper.readTree(answers.get(0).value()).get("data");
            assertEquals(account, data.get("subjectId").asText());
            assertEquals("newsletter-personalisation", data.get("decisions").get(0).get("purpose").asText());
            assertEquals("https://shop.example.com/newsletter", data.get("decisions").get(0).get("pageUrl").asText());
            assertEquals(1, data.get("receipts").size());
            assertTrue(data.get("currentChoices").has(account));
        }
    }

    /**
     * Issue 18, goal 5: an answer larger than a record is sent in parts (1 MiB each) that join to every record; one
     * event could not carry it (a subject with 10,000 decisions answers with about 21 MB).
     */
    @Test
    void aLargeAnswerIsSentInPartsThatJoinToEveryRecord() throws Exception {
        String device = TestTokens.newDevice();
        int choices = 300;
        for (int n = 0; n < choices; n++) {
            DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", n % 2 == 0,
                    "advertising-cookies", n % 2 == 1, "newsletter-personalisation", true, "app-usage-data", false),
                    "method", "custom")).statusCode(200);
        }
        UUID requestId = UUID.randomUUID();
        AccessRequested access = new AccessRequested(requestId, SubjectKeys.standInFor(requestId.toString()),
                new Identities(List.of(), List.of(device)));
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), access);
            List<ConsumerRecord<String, byte[]>> first = results.read(Duration.ofSeconds(60),
                    r -> fromThisService(r, access.subjectId()), 1);
            int parts = mapper.readTree(first.get(0).value()).get("parts").asInt();
            assertTrue(parts >= 2, "more than one record's worth: " + parts + " parts");
            // one poll may have brought several parts already
            List<ConsumerRecord<String, byte[]>> rest = first.size() >= parts ? List.of() : results.read(
                    Duration.ofSeconds(60), r -> fromThisService(r, access.subjectId()), parts - first.size());
            List<JsonNode> data = new ArrayList<>();
            Set<String> answerIds = new HashSet<>();
            List<ConsumerRecord<String, byte[]>> all = concat(first, rest);
            assertEquals(parts, all.size(), "every part and no more");
            for (ConsumerRecord<String, byte[]> record : all) {
                JsonNode event = mapper.readTree(record.value()); // the record's value is the event's data
                assertEquals(data.size() + 1, event.get("part").asInt(), "parts in order on the subject's partition");
                assertTrue(record.serializedValueSize() <= 1024 * 1024 + 64 * 1024, "a part is about 1 MiB at most");
                answerIds.add(event.get("answerId").asText());
                data.add(event.get("data"));
            }
            assertEquals(1, answerIds.size(), "one answer");
            JsonNode whole = AnswerParts.join(data);
            assertEquals(choices * 4, whole.get("decisions").size());
            assertEquals(choices, whole.get("receipts").size());
        }
    }

    private static List<ConsumerRecord<String, byte[]>> concat(List<ConsumerRecord<String, byte[]>> a,
            List<ConsumerRecord<String, byte[]>> b) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aRequestNamingSomeoneElsesDeviceGetsNothingOfIt() throws Exception {
        String owner = UUID.randomUUID().toString();
        String requester = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", false), "method", "custom",
                "url", "https://shop.example.com/owners-page")).statusCode(200);
        given().auth().oauth2(TestTokens.user(owner)).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200);
        AccessRequested access = new AccessRequested(UUID.randomUUID(), requester,
                new Identities(List.of(), List.of(device)));
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), access);
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> fromThisService(r, requester), 1);
            String export = new String(answers.get(0).value(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(!export.contains(device), "the other account's device is not in the export: " + export);
            assertTrue(!export.contains("owners-page"), export);
        }
    }

    private boolean fromThisService(ConsumerRecord<String, byte[]> record, String subject) {
        return PrivacyRequestEvents.fromThisService(record, subject);
    }

    private void send(String eventId, EventData data) throws Exception {
        new PrivacyRequestEvents(clients, codec, mapper).send(eventId, data);
    }
}
