package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.testsupport.TestTokens;

/**
 * docs/portability.md: a PORTABILITY package holds only the record types a service declares provided or observed,
 * as JSON and as a zip of one CSV per record type. The test participants declare {@code test-record} PROVIDED and
 * {@code test-profile} DERIVED (DsarTestBase).
 */
@QuarkusTest
class PortabilityTest extends DsarTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String fulfilled(String subject, String type) throws Exception {
        String id = submit(TestTokens.user(subject), Map.of("type", type)).statusCode(201).extract().path("id");
        for (String service : PARTICIPANTS) {
            send(new AccessCompleted(UUID.fromString(id), subject, service, JSON.readTree("""
                    {"test-record": [{"id": 1, "note": "has, a comma", "when": "2026-11-30T10:00:00Z", "gone": null},
                                     {"id": 2, "note": "a \\"quote\\"", "when": "2026-11-30T11:00:00Z", "gone": null}],
                     "test-profile": [{"interest": "recipes", "score": 0.9}],
                     "undeclared": [{"secret": "never"}]}
                    """)), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(TestTokens.user(subject), id)
                .body("status", equalTo("FULFILLED")));
        return id;
    }

    @Test
    void thePackageHoldsOnlyProvidedAndObservedRecordTypesAsJsonAndAsOneCsvEach() throws Exception {
        String subject = UUID.randomUUID().toString();
        String id = fulfilled(subject, "PORTABILITY");
        given().auth().oauth2(TestTokens.user(subject)).get("/api/privacy-requests/" + id + "/export").then()
                .statusCode(200).contentType("application/json")
                .body("sections.consent.test-record.size()", equalTo(2))
                .body("sections.consent.test-profile", nullValue())
                .body("sections.consent.undeclared", nullValue());

        byte[] zip = given().auth().oauth2(TestTokens.user(subject)).accept("application/zip")
                .get("/api/privacy-requests/" + id + "/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Map<String, String> files = unzip(zip);
        assertEquals(List.of("account/test-record.csv", "consent/test-record.csv", "newsletter/test-record.csv",
                "manifest.json"), List.copyOf(files.keySet()));
        assertEquals("id,note,when,gone\r\n"
                + "1,\"has, a comma\",2026-11-30T10:00:00Z,\r\n"
                + "2,\"a \"\"quote\"\"\",2026-11-30T11:00:00Z,\r\n", files.get("consent/test-record.csv"));
        assertEquals(2, JSON.readTree(files.get("manifest.json")).at("/sections/consent/test-record/rows").asInt());
    }

    @Test
    void anAccessPackageIsTheFullCopyAndJsonOnly() throws Exception {
        String subject = UUID.randomUUID().toString();
        String id = fulfilled(subject, "ACCESS");
        given().auth().oauth2(TestTokens.user(subject)).get("/api/privacy-requests/" + id + "/export").then()
                .statusCode(200).body("sections.consent.test-profile[0].interest", equalTo("recipes"));
        given().auth().oauth2(TestTokens.user(subject)).accept("application/zip")
                .get("/api/privacy-requests/" + id + "/export").then().statusCode(406)
                .contentType("application/problem+json");
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
