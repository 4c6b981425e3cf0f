package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.privacysuite.gateway.support.FakeUpstream;
import org.privacysuite.gateway.support.FakeUpstreams;
import org.privacysuite.gateway.support.InjectFakeUpstreams;
import org.privacysuite.gateway.support.Tokens;

@QuarkusTest
class GatewayRoutingTest {

    @InjectFakeUpstreams
    FakeUpstreams upstreams;

    @TestHTTPResource("/api/accounts/me/app-usage")
    URI appUsage;

    @ParameterizedTest
    @CsvSource({
            "GET,    /api/consent/purposes,                 consent-service",
            "GET,    /.well-known/gpc.json,                 consent-service",
            "GET,    /api/consent/me/receipts,              consent-service",
            "POST,   /api/accounts,                         account-service",
            "PATCH,  /api/accounts/me,                      account-service",
            "POST,   /api/privacy-requests,                 dsar-service",
            "GET,    /api/privacy-requests/42/audit,        dsar-service",
            "GET,    /api/privacy/record-of-processing,     dsar-service",
            "GET,    /v1/data-rights-protocol.json,         dsar-service",
            "POST,   /api/newsletter/subscriptions,         newsletter-service",
            "PUT,    /api/newsletter/me,                    newsletter-service",
            "GET,    /api/offers/catalogue,                 newsletter-service" })
    void eachRouteReachesItsService(String method, String path, String service) {
        given().auth().oauth2(Tokens.user("routing-user"))
                .contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(200)
                .header("X-Served-By", service)
                .body("service", equalTo(service))
                .body("method", equalTo(method))
                .body("path", equalTo(path));
    }

    @Test
    void queryStringIsForwardedAsSent() {
        given().auth().oauth2(Tokens.user("routing-user")).urlEncodingEnabled(false)
                .when().get("/api/consent/check?subject=a%20b%2Bc&purpose=analytics-cookies")
                .then().statusCode(200)
                .body("query", equalTo("subject=a%20b%2Bc&purpose=analytics-cookies"));
    }

    @Test
    void requestHeadersAndBodyReachTheService() {
        String choices = "{\"choices\":{\"analytics-cookies\":true},\"method\":\"custom\",\"url\":\"https://shop.example/\"}";
        given().header("Sec-GPC", "1")
                .header("X-Client-Note", "kept")
                .header("Forwarded", "for=6.6.6.6")
                .contentType(ContentType.JSON).body(choices)
                .when().put("/api/consent/devices/6f1c3c1e-8d1b-4a63-9d0e-2c1c8b0f7a11")
                .then().statusCode(200)
                .body("headers.sec-gpc", equalTo("1"))
                .body("headers.x-client-note", equalTo("kept"))
                .body("headers.content-type", containsString("application/json"))
                .body("headers.forwarded", nullValue())
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-for", matchesPattern("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"))
                .body("body", equalTo(choices));
    }

    @Test
    void statusHeadersAndProblemBodyComeBackUntouched() {
        String body = given().auth().oauth2(Tokens.user("routing-user"))
                .when().get("/api/consent/me/problem")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .header("X-Served-By", "consent-service")
                .extract().asString();
        assertEquals(FakeUpstream.PROBLEM_BODY, body);
    }

    @Test
    void aServiceErrorIsPassedOnNotReplaced() {
        given().auth().oauth2(Tokens.user("routing-user"))
                .when().post("/api/newsletter/issues/unavailable")
                .then().statusCode(503)
                .header("Retry-After", "7")
                .body("detail", equalTo("from newsletter-service"));
    }

    @Test
    void responseHeadersComeBackAndSecurityHeadersAreSetOnce() {
        Response response = given().when().get("/api/consent/purposes");
        response.then().statusCode(200)
                .header("Set-Cookie", containsString("served-by=consent-service"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Strict-Transport-Security", nullValue()); // plain http
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"));
        assertEquals(1, response.headers().getValues("X-Correlation-Id").size());
    }

    @Test
    void htmlPagesGetTheStrictPagePolicy() {
        given().auth().oauth2(Tokens.user("routing-user"))
                .when().get("/api/newsletter/unsubscribe/page")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void aLargeBodyStreamsThroughIntact() {
        byte[] payload = new byte[60 * 1024]; // under the 64K test limit
        new Random(7).nextBytes(payload);
        given().auth().oauth2(Tokens.user("routing-user"))
                .contentType(ContentType.BINARY).body(payload)
                .when().post("/api/accounts/me/app-usage")
                .then().statusCode(200)
                .body("bodyLength", equalTo(payload.length))
                .body("bodySha256", equalTo(FakeUpstream.sha256(payload)));
    }

    @Test
    void theCallersTraceIsContinuedAndItsCorrelationIdKept() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Response response = given()
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=value")
                .header("X-Correlation-Id", "order-1234")
                .when().get("/api/consent/purposes");
        response.then().statusCode(200)
                .header("X-Correlation-Id", "order-1234")
                .body("headers.x-correlation-id", equalTo("order-1234"))
                .body("headers.tracestate", equalTo("vendor=value"))
                .body("headers.traceparent", matchesPattern("00-" + traceId + "-[0-9a-f]{16}-01"));
        assertNotEquals("00f067aa0ba902b7", response.path("headers.traceparent").toString().substring(36, 52),
                "the gateway is a hop of its own");
    }

    @Test
    void withoutTraceContextANewTraceStartsAndNamesTheRequest() {
        Response response = given().header("traceparent", "not-a-traceparent").when().get("/api/consent/purposes");
        String traceparent = response.path("headers.traceparent");
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);
        String traceId = traceparent.substring(3, 35);
        response.then().header("X-Correlation-Id", traceId).body("headers.x-correlation-id", equalTo(traceId));
    }

    @Test
    void metricsAreKeptPerRoute() {
        given().when().get("/api/consent/purposes").then().statusCode(200);
        given().when().get("/api/consent/me").then().statusCode(401);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains(
                "gateway_requests_seconds_count{method=\"GET\",route=\"consent\",status=\"200\",upstream=\"consent-service\"}"),
                "count per route and status");
        assertTrue(metrics.contains(
                "gateway_requests_seconds_count{method=\"GET\",route=\"consent\",status=\"401\",upstream=\"consent-service\"}"),
                "the gateway's own refusals are counted too");
        assertTrue(metrics.contains("gateway_requests_seconds_bucket{method=\"GET\",route=\"consent\",status=\"200\","
                + "upstream=\"consent-service\",le=\"0.1\"}"), "latency histogram");
    }

    @Test
    void metricsNameRoutesNotPaths() {
        String device = "0b5e7f0e-4a4e-4b8c-9d61-" + System.nanoTime();
        given().when().get("/api/consent/devices/" + device).then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(device), "a device id is personal data and would make one series per device");
    }

    @Test
    void pathsOutsideTheRoutesAreNotProxied() {
        int before = upstreams.get("consent-service").requests();
        given().when().get("/api/consentx/purposes")
                .then().statusCode(404).contentType("application/problem+json")
                .header("X-Served-By", nullValue())
                .header("X-Content-Type-Options", "nosniff");
        assertEquals(before, upstreams.get("consent-service").requests());
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeTheService() {
        int before = upstreams.get("account-service").requests();
        given().auth().oauth2(Tokens.user("routing-user"))
                .contentType(ContentType.BINARY).body(new byte[100 * 1024])
                .when().post("/api/accounts/me/app-usage")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("instance", equalTo("/api/accounts/me/app-usage"));
        assertEquals(before, upstreams.get("account-service").requests());
    }

    @Test
    void aChunkedBodyIsCountedAsItStreams() throws Exception {
        assertEquals(200, postChunked(new byte[30 * 1024]).statusCode(), "under the limit it passes");
        HttpResponse<String> tooLarge = postChunked(new byte[200 * 1024]);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("application/problem+json", tooLarge.headers().firstValue("Content-Type").orElse(null));
    }

    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        // an InputStream body has no known length, so java.net.http sends it chunked
        HttpRequest request = HttpRequest.newBuilder(appUsage)
                .header("Authorization", "Bearer " + Tokens.user("routing-user"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
