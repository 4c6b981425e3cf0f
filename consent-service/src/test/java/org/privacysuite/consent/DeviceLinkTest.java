package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

/** A device belongs to at most one account (issue 21, build 3 and 5): no link moves, unlinking, races answer 2xx/409. */
@QuarkusTest
class DeviceLinkTest extends ConsentTestBase {

    private static final String ADS = "advertising-cookies";

    static ExtractableResponse<Response> link(String token, String device) {
        return given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device).then().extract();
    }

    static ExtractableResponse<Response> unlink(String token, String device) {
        return given().auth().oauth2(token).when().delete("/api/consent/me/devices/" + device).then().extract();
    }

    static boolean allowed(String subject, String purpose) {
        return given().auth().oauth2(TestTokens.service()).queryParam("subject", subject).queryParam("purpose", purpose)
                .when().get("/api/consent/check").then().statusCode(200).extract().path("allowed");
    }

    static int receipts(String token) {
        return given().auth().oauth2(token).when().get("/api/consent/me/receipts").then().statusCode(200)
                .extract().path("size()");
    }

    @Test
    void aDeviceLinkedToAnotherAccountCannotBeTakenOver() {
        String owner = TestTokens.user(UUID.randomUUID().toString());
        String attacker = TestTokens.user(UUID.randomUUID().toString());
        String device = TestTokens.newDevice();
        // The owner's browser refused advertising and signed in; the attacker's account allows it.
        DeviceConsentTest.put(device, Map.of("choices", Map.of(ADS, false), "method", "custom")).statusCode(200);
        assertEquals(200, link(owner, device).statusCode());
        AccountConsentTest.putMe(attacker, Map.of("choices", Map.of(ADS, true), "method", "custom")).statusCode(200);
        int attackerReceipts = receipts(attacker);

        ExtractableResponse<Response> refused = link(attacker, device);
        assertEquals(409, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://privacy-suite.org/problems/device-linked-elsewhere", refused.path("type"));

        // Nothing changed: the browser still follows its owner's refusal, the attacker's ledger has no new entry.
        assertEquals(false, allowed(device, ADS));
        assertEquals(attackerReceipts, receipts(attacker));
        AccountConsentTest.getMe(attacker).statusCode(200)
                .body("purposes.find { it.purpose == '" + ADS + "' }.granted", equalTo(true));
        // Linking one's own device again is harmless.
        assertEquals(200, link(owner, device).statusCode());
    }

    @Test
    void anAccountUnlinksOnlyItsOwnDevicesAndLeaksNothingAboutOthers() {
        String owner = TestTokens.user(UUID.randomUUID().toString());
        String other = TestTokens.user(UUID.randomUUID().toString());
        String device = TestTokens.newDevice();
        AccountConsentTest.putMe(owner, Map.of("choices", Map.of(ADS, true), "method", "custom")).statusCode(200);
        assertEquals(200, link(owner, device).statusCode());
        assertEquals(true, allowed(device, ADS)); // the device follows its account

        ExtractableResponse<Response> someoneElses = unlink(other, device);
        ExtractableResponse<Response> unknown = unlink(other, TestTokens.newDevice());
        assertEquals(404, someoneElses.statusCode());
        assertEquals("application/problem+json", someoneElses.contentType());
        assertEquals(unknown.statusCode(), someoneElses.statusCode());
        assertEquals(unknown.<String>path("title"), someoneElses.path("title"));
        assertEquals(unknown.<String>path("detail"), someoneElses.path("detail"));
        assertEquals(true, allowed(device, ADS)); // still linked

        assertEquals(204, unlink(owner, device).statusCode());
        assertEquals(false, allowed(device, ADS)); // its own (missing) decision again
        assertEquals(404, unlink(owner, device).statusCode());
        // Free now: another account may link it.
        assertEquals(200, link(other, device).statusCode());
        given().when().delete("/api/consent/me/devices/" + device).then().statusCode(401);
    }

    @Test
    void twoFirstWritesOfTheSameDeviceAtOnceAnswer2xxOr409() throws Exception {
        String body = "{\"choices\":{\"analytics-cookies\":true,\"advertising-cookies\":false},\"method\":\"custom\"}";
        for (int round = 0; round < 3; round++) {
            String device = TestTokens.newDevice();
            List<Integer> statuses = race(8, i -> send("PUT", "/api/consent/devices/" + device, null, body));
            assertOnly2xxOr409(statuses);
            DeviceConsentTest.get(device).statusCode(200).body("purposes", hasSize(2));
        }
    }

    @Test
    void parallelLinksOfOneNewDeviceAnswer2xxOr409AndLinkItOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String device = TestTokens.newDevice();
            DeviceConsentTest.put(device, Map.of("choices", Map.of(ADS, true), "method", "custom")).statusCode(200);
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                accounts.add(TestTokens.user(UUID.randomUUID().toString()));
            }
            String sameAccount = accounts.get(0);
            // half the callers are one account linking twice at once, the others different accounts
            List<Integer> statuses = race(accounts.size() * 2, i -> send("POST", "/api/consent/me/devices/" + device,
                    i % 2 == 0 ? sameAccount : accounts.get(i / 2), null));
            assertOnly2xxOr409(statuses);
            // exactly one account holds the link: only it may unlink
            int unlinked = 0;
            for (String account : Set.copyOf(accounts)) {
                unlinked += unlink(account, device).statusCode() == 204 ? 1 : 0;
            }
            assertEquals(1, unlinked);
        }
    }

    private static void assertOnly2xxOr409(List<Integer> statuses) {
        assertTrue(statuses.stream().allMatch(s -> s / 100 == 2 || s == 409), statuses.toString());
        assertTrue(statuses.stream().anyMatch(s -> s / 100 == 2), statuses.toString());
    }

    /** Runs the calls on their own threads, released together by a latch; returns their statuses. */
    private static List<Integer> race(int callers, IntFunction<Integer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return call.apply(caller);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
