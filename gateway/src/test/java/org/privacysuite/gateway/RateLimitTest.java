package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.gateway.support.Tokens;

/**
 * Low limits that hardly refill (one token per 1000 s), and a trusted proxy in front, so that each test picks its
 * own client addresses with X-Forwarded-For and does not share buckets with the others.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.rate-limit.per-ip.requests-per-second", "0.001",
                    "gateway.rate-limit.per-ip.burst", "3",
                    "gateway.rate-limit.per-client.requests-per-second", "0.001",
                    "gateway.rate-limit.per-client.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void anAddressGets429WithRetryAfterOnceItsBucketIsEmpty() {
        for (int i = 0; i < 3; i++) {
            from("203.0.113.10").get("/api/consent/purposes").then().statusCode(200);
        }
        Response refused = from("203.0.113.10").get("/api/consent/purposes");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/rate-limited"))
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .header("X-Served-By", nullValue());
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 1000, "seconds until the next token: " + retryAfter);

        from("203.0.113.11").get("/api/consent/purposes").then().statusCode(200); // another address, another bucket
    }

    @Test
    void aTokenClientGets429OnceItsBucketIsEmptyWhateverItsAddress() {
        String alice = Tokens.user("rate-alice");
        from("198.51.100.1").auth().oauth2(alice).get("/api/accounts/me").then().statusCode(200);
        from("198.51.100.2").auth().oauth2(alice).get("/api/accounts/me").then().statusCode(200);
        Response refused = from("198.51.100.3").auth().oauth2(alice).get("/api/accounts/me");
        refused.then().statusCode(429).body("detail", containsString("client"));
        // One token per 1000 s refills continuously from the first request on: a slow machine shaves a few seconds.
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter > 900 && retryAfter <= 1000, "seconds until the next token: " + retryAfter);

        from("198.51.100.4").auth().oauth2(Tokens.user("rate-bob")).get("/api/accounts/me").then().statusCode(200);
    }

    @Test
    void hstsIsSentWhenTheTrustedProxyReceivedTheRequestOverTls() {
        from("192.0.2.50").header("X-Forwarded-Proto", "https")
                .get("/api/consent/purposes")
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .body("headers.x-forwarded-for", equalTo("192.0.2.50"))
                .body("headers.x-forwarded-proto", equalTo("https"));
    }

    private static io.restassured.specification.RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }
}
