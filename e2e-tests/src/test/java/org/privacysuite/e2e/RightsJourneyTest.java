package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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
import org.privacysuite.testsupport.DrpTestAgent;
import org.privacysuite.testsupport.KeycloakServer;

/**
 * Issue #14 through the gateway and the real services: an objection stops direct marketing and nothing else, an
 * agent's opt-out of sale reaches the account behind the address it names, a portability package is one CSV per
 * record type, a cookie-only visitor gets their data and its erasure, and a repeated request is answered with the
 * open one.
 */
class RightsJourneyTest extends Journey {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKETING = "advertising-cookies";
    private final Mails mails = new Mails(suite.mail());

    /** A person whose sign-up address Keycloak verified (as its verification mail would), with a fresh token. */
    private Person verifiedPerson(String name) {
        Person person = signUp(Map.of("displayName", name, "city", name + "ville"));
        String admin = KeycloakServer.adminToken();
        String user = KeycloakServer.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/users/" + person.id();
        Map<String, Object> representation = io.restassured.RestAssured.given().auth().oauth2(admin).get(user)
                .then().statusCode(200).extract().jsonPath().getMap("");
        representation.put("emailVerified", true);
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType("application/json").body(representation)
                .put(user).then().statusCode(204);
        return new Person(person.id(), person.username(), person.email(), person.password(),
                KeycloakServer.passwordToken(person.username(), person.password()));
    }

    private void choose(Person person, Map<String, Boolean> choices) {
        as(person.token()).contentType("application/json").body(Map.of("choices", choices, "method", "custom"))
                .when().put("/api/consent/me").then().statusCode(200);
    }

    private void subscribe(String email) {
        gateway().contentType("application/json").body(Map.of("email", email, "topics", List.of("recipes")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String confirm = Mails.find(Mails.body(mails.awaitMail(email, 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", confirm))
                .when().post("/api/newsletter/subscriptions/confirm").then().statusCode(200);
    }

    private boolean allowed(String subject, String purpose) {
        return as(serviceToken()).queryParam("subject", subject).queryParam("purpose", purpose)
                .when().get("/api/consent/check").then().statusCode(200).extract().path("allowed");
    }

    private void awaitFulfilled(String id) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(officerToken())
                .when().get("/api/privacy-requests/" + id).then().statusCode(200).body("status", equalTo("FULFILLED")));
    }

    @Test
    void anObjectionStopsDirectMarketingAndLeavesEverythingElse() {
        Person person = verifiedPerson("Odile");
        choose(person, Map.of(MARKETING, true, "newsletter-personalisation", true, "analytics-cookies", true));
        subscribe(person.email());
        as(person.token()).when().get("/api/newsletter/me").then().statusCode(200);

        String id = as(person.token()).contentType("application/json")
                .body(Map.of("type", "OBJECTION", "message", "Stop marketing to me"))
                .when().post("/api/privacy-requests").then().statusCode(201)
                .body("objection", equalTo("DIRECT_MARKETING")).extract().path("id");
        as(officerToken()).when().post("/api/privacy-requests/" + id + "/approve").then().statusCode(200);
        awaitFulfilled(id);

        assertFalse(allowed(person.id(), MARKETING), "advertising refused");
        assertFalse(allowed(person.id(), "newsletter-personalisation"), "newsletter profiling refused");
        assertTrue(allowed(person.id(), "analytics-cookies"), "analytics is not direct marketing: untouched");
        as(person.token()).when().get("/api/consent/me/receipts").then().statusCode(200)
                .body(containsString("objection"));
        as(person.token()).when().get("/api/newsletter/me").then().statusCode(404);
        as(person.token()).when().get("/api/accounts/me").then().statusCode(200)
                .body("profile.city", equalTo("Odileville"));
        as(officerToken()).when().get("/api/privacy-requests/" + id).then()
                .body("participants.find { it.service == 'newsletter-service' }.outcome", equalTo("STOPPED"))
                .body("participants.find { it.service == 'account-service' }.outcome", equalTo("NOTHING_FOUND"));
    }

    @Test
    void anAgentsOptOutOfSaleByAddressRefusesAdvertisingForTheAccountAndLeavesTheNewsletter() {
        Person person = verifiedPerson("Salim");
        choose(person, Map.of(MARKETING, true));
        subscribe(person.email());
        DrpTestAgent agent = new DrpTestAgent("E2E_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toUpperCase());
        as(officerToken()).contentType("application/json")
                .body(Map.of("name", "Opt-out Agent", "verifyKey", agent.verifyKey()))
                .when().put("/api/privacy-requests/agents/" + agent.id).then().statusCode(200);
        String token = gateway().contentType("text/plain").body(agent.sign(agent.envelope()))
                .when().post("/v1/agent/" + agent.id).then().statusCode(200).extract().path("token");
        String requestId = gateway().header("Authorization", "Bearer " + token).contentType("text/plain")
                .body(agent.sign(agent.exercise("sale:opt-out", person.email()))).when().post("/v1/data-rights-request")
                .then().statusCode(200).extract().path("request_id");
        // The same opt-out sent again by the agent is the same request.
        gateway().header("Authorization", "Bearer " + token).contentType("text/plain")
                .body(agent.sign(agent.exercise("sale:opt-out", person.email()))).when().post("/v1/data-rights-request")
                .then().statusCode(200).body("request_id", equalTo(requestId));
        as(officerToken()).when().post("/api/privacy-requests/" + requestId + "/approve").then().statusCode(200);
        awaitFulfilled(requestId);

        assertFalse(allowed(person.id(), MARKETING), "the account behind the agent's address opted out");
        as(person.token()).when().get("/api/newsletter/me").then().statusCode(200);
        gateway().header("Authorization", "Bearer " + token).when().get("/v1/data-rights-request/" + requestId)
                .then().statusCode(200).body("status", equalTo("fulfilled"))
                .body("processing_details", containsString(MARKETING + " refused"));
    }

    @Test
    void aPortabilityPackageIsOneCsvPerProvidedOrObservedRecordType() throws IOException {
        Person person = verifiedPerson("Paula");
        choose(person, Map.of("analytics-cookies", true));
        subscribe(person.email());
        String id = as(person.token()).contentType("application/json").body(Map.of("type", "PORTABILITY"))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        awaitFulfilled(id);

        ExtractableResponse<Response> zip = as(person.token()).accept("application/zip")
                .when().get("/api/privacy-requests/" + id + "/export").then().statusCode(200)
                .contentType("application/zip").extract();
        Map<String, String> files = unzip(zip.asByteArray());
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        for (String section : List.of("account", "consent", "newsletter")) {
            assertTrue(manifest.at("/sections/" + section).size() > 0, "record types of " + section + ": " + manifest);
            manifest.at("/sections/" + section).properties().forEach(type -> assertTrue(
                    files.containsKey(type.getValue().get("file").asText()), "listed and present: " + type.getKey()));
        }
        assertFalse(files.keySet().stream().anyMatch(f -> f.contains("interest-profile") || f.contains("send-log")),
                "no inferred or business records: " + files.keySet());
        String all = String.join("\n", files.values());
        assertTrue(all.contains(person.email()), "the address the person gave");
        assertTrue(all.contains("analytics-cookies"), "the choices the person made");
        files.entrySet().stream().filter(f -> f.getKey().endsWith(".csv") && !f.getValue().isEmpty())
                .forEach(f -> assertTrue(f.getValue().contains("\r\n"), "a header row and CRLF lines: " + f.getKey()));
        as(person.token()).accept("application/json").when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(200).body("type", equalTo("PORTABILITY"));
    }

    @Test
    void aCookieOnlyVisitorGetsTheirDeviceDataAndItsErasure() {
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true, MARKETING, false), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        String access = gateway().contentType("application/json").body(Map.of("type", "ACCESS", "deviceId", device))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> gateway().header("X-Device-Id", device)
                .when().get("/api/privacy-requests/" + access).then().statusCode(200)
                .body("status", equalTo("FULFILLED")));
        String export = gateway().header("X-Device-Id", device).when().get("/api/privacy-requests/" + access + "/export")
                .then().statusCode(200).extract().asString();
        assertTrue(export.contains("analytics-cookies") && export.contains(device), "the device's choices: " + export);
        gateway().header("X-Device-Id", UUID.randomUUID().toString())
                .when().get("/api/privacy-requests/" + access + "/export").then().statusCode(404);

        String erasure = gateway().contentType("application/json").body(Map.of("type", "ERASURE", "deviceId", device))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> gateway().header("X-Device-Id", device)
                .when().get("/api/privacy-requests/" + erasure).then().statusCode(200)
                .body("status", equalTo("FULFILLED")));
        gateway().when().get("/api/consent/devices/" + device).then()
                .body("purposes.findAll { it.purpose == 'analytics-cookies' && it.granted }", org.hamcrest.Matchers.empty());
    }

    /** Reach: an erasure proven by the address alone reaches the account's consent ledger and its linked device. */
    @Test
    void anErasureByAddressReachesTheAccountBehindItAndItsDevices() {
        Person person = verifiedPerson("Eve");
        choose(person, Map.of("analytics-cookies", true));
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of(MARKETING, true), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        as(person.token()).when().post("/api/consent/me/devices/" + device).then().statusCode(200);
        assertTrue(allowed(person.id(), "analytics-cookies"));

        String id = gateway().contentType("application/json")
                .body(Map.of("type", "ERASURE", "email", person.email()))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        String code = mails.awaitFind(person.email(), "code is (\\d{6})");
        gateway().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200);
        as(officerToken()).when().post("/api/privacy-requests/" + id + "/approve").then().statusCode(200);
        awaitFulfilled(id);

        assertFalse(allowed(person.id(), "analytics-cookies"), "the account's choices are erased");
        gateway().when().get("/api/consent/devices/" + device).then()
                .body("purposes.findAll { it.granted }", org.hamcrest.Matchers.empty());
        as(officerToken()).when().get("/api/privacy-requests/" + id).then()
                .body("identities.find { it.kind == 'subject' }.value", equalTo(person.id()))
                .body("identities.find { it.kind == 'device' }.value", equalTo(device));
    }

    /** Reach: the erasure an account closure opens also ends the subscription made with the account's address. */
    @Test
    @SuppressWarnings("unchecked")
    void anAccountClosureAlsoEndsTheSubscriptionMadeWithItsAddress() {
        Person person = verifiedPerson("Cleo");
        subscribe(person.email()); // by address, from the newsletter form: never linked to the account
        as(person.token()).when().post("/api/accounts/me/closure").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<Map<String, Object>> mine = as(officerToken()).queryParam("type", "ERASURE")
                    .queryParam("source", "ACCOUNT_CLOSURE").queryParam("limit", 200).when()
                    .get("/api/privacy-requests").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.subjectId == '" + person.id() + "' }");
            assertEquals(1, mine.size());
            assertEquals("FULFILLED", mine.get(0).get("status"));
            List<Map<String, Object>> participants = (List<Map<String, Object>>) mine.get(0).get("participants");
            Map<String, Object> newsletter = participants.stream()
                    .filter(p -> "newsletter-service".equals(p.get("service"))).findFirst().orElseThrow();
            assertEquals("ERASED", newsletter.get("outcome"), "the subscription under the account's address");
        });
    }

    @Test
    void aRepeatedRequestIsAnsweredWithTheOpenOne() {
        Person person = signUp(Map.of("displayName", "Rene"));
        String first = as(person.token()).contentType("application/json").body(Map.of("type", "OBJECTION"))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        as(person.token()).contentType("application/json").body(Map.of("type", "OBJECTION"))
                .when().post("/api/privacy-requests").then().statusCode(200).body("id", equalTo(first))
                .header("Location", containsString("/api/privacy-requests/" + first));
        as(person.token()).contentType("application/json").body(Map.of("type", "QUESTION", "message", "Why?"))
                .when().post("/api/privacy-requests").then().statusCode(201).body("id", not(equalTo(first)));
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(files.size(), files.keySet().stream().distinct().count());
        return files;
    }
}
