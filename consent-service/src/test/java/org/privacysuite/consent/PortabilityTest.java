package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.consent.events.ConsentParticipant;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * Portability (GDPR Art. 20): a portable access request gets the provided and observed record types only, each an
 * array of flat rows with the same columns in the same order, the columns the README documents. A normal access
 * request keeps its shape.
 */
@QuarkusTest
class PortabilityTest extends ConsentTestBase {

    private static final String ANSWER = "privacy.access.completed.v1";
    private static final List<String> RECORD_COLUMNS = List.of("recordId", "receiptId", "subject", "subjectType",
            "purpose", "granted", "noticeVersion", "method", "source", "pageUrl", "userAgentFamily", "ipTruncated",
            "gpc", "mergedFromDevice", "decidedAt", "recordedAt");
    private static final List<String> LINK_COLUMNS = List.of("deviceId", "account", "linkedAt");

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentParticipant participant;

    @Test
    void everyRecordTypeSaysWhereItsDataComesFrom() {
        Map<String, DataOrigin> origins = new LinkedHashMap<>();
        participant.recordTypes().forEach(type -> origins.put(type.recordType(), type.origin()));
        assertEquals(Map.of("consent-record", DataOrigin.PROVIDED, "consent-receipt", DataOrigin.RECEIVED,
                "consent-state", DataOrigin.DERIVED, "device-link", DataOrigin.OBSERVED), origins);
    }

    @Test
    void aPortableExportHasFlatRowsOfTheProvidedAndObservedRecordTypesOnly() throws Exception {
        String account = UUID.randomUUID().toString();
        String token = TestTokens.user(account);
        String device = TestTokens.newDevice();
        AccountConsentTest.putMe(token, Map.of("choices", Map.of("app-usage-data", true), "method", "custom",
                "url", "https://shop.example.com/app")).statusCode(200);
        given().header("Sec-GPC", "1").header("User-Agent", "Mozilla/5.0 Firefox/140.0").contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device).then().statusCode(200);

        JsonNode data = export(new AccessRequested(UUID.randomUUID(), account, Identities.none(), List.of(), true));

        List<String> portableTypes = participant.recordTypes().stream().filter(DeclaredRecordType::portable)
                .map(DeclaredRecordType::recordType).toList();
        assertEquals(List.of("consent-record", "device-link"), portableTypes);
        assertEquals(portableTypes, names(data), "one key per portable record type, nothing else");
        for (String type : portableTypes) {
            assertTrue(data.get(type).isArray(), type);
            for (JsonNode row : data.get(type)) {
                assertEquals(type.equals("device-link") ? LINK_COLUMNS : RECORD_COLUMNS, names(row), type);
                row.fields().forEachRemaining(c -> assertTrue(c.getValue().isValueNode(), type + "." + c.getKey()));
            }
        }

        // account: app usage, then analytics and advertising merged from the device; device: its own two
        JsonNode records = data.get("consent-record");
        assertEquals(5, records.size());
        JsonNode appUsage = find(records, "purpose", "app-usage-data");
        assertEquals(account, appUsage.get("subject").asText());
        assertEquals("ACCOUNT", appUsage.get("subjectType").asText());
        assertTrue(appUsage.get("granted").isBoolean());
        assertTrue(appUsage.get("noticeVersion").isInt());
        assertEquals("https://shop.example.com/app", appUsage.get("pageUrl").asText());
        assertTrue(appUsage.get("mergedFromDevice").isNull());
        Instant.parse(appUsage.get("decidedAt").asText());
        JsonNode gpcRefusal = find(records, "subject", device, "purpose", "advertising-cookies");
        assertEquals(false, gpcRefusal.get("granted").asBoolean());
        assertEquals(true, gpcRefusal.get("gpc").asBoolean());
        assertEquals("Firefox", gpcRefusal.get("userAgentFamily").asText());

        JsonNode links = data.get("device-link");
        assertEquals(1, links.size());
        assertEquals(device, links.get(0).get("deviceId").asText());
        assertEquals(account, links.get(0).get("account").asText());
        Instant.parse(links.get(0).get("linkedAt").asText());
    }

    @Test
    void aNormalAccessRequestKeepsItsShape() throws Exception {
        String account = UUID.randomUUID().toString();
        AccountConsentTest.putMe(TestTokens.user(account), Map.of("choices", Map.of("analytics-cookies", true),
                "method", "custom")).statusCode(200);
        JsonNode data = export(new AccessRequested(UUID.randomUUID(), account, Identities.none()));
        assertEquals(List.of("subjectId", "linkedDevices", "currentChoices", "decisions", "receipts"), names(data));
        assertTrue(data.get("receipts").get(0).has("consentReceiptID"), "receipts are still the Kantara ones");
    }

    private JsonNode export(AccessRequested request) throws Exception {
        PrivacyRequestEvents events = new PrivacyRequestEvents(clients, codec, mapper);
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            events.send(request);
            return events.awaitAnswer(results, request.subjectId(), ANSWER).get("data");
        }
    }

    private static JsonNode find(JsonNode rows, String... columnsAndValues) {
        for (JsonNode row : rows) {
            boolean matches = true;
            for (int i = 0; i < columnsAndValues.length; i += 2) {
                matches &= columnsAndValues[i + 1].equals(row.get(columnsAndValues[i]).asText());
            }
            if (matches) {
                return row;
            }
        }
        throw new AssertionError("no row with " + List.of(columnsAndValues) + " in " + rows);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
