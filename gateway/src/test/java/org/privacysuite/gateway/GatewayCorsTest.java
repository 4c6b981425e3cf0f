package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.privacysuite.gateway.support.FakeUpstreams;
import org.privacysuite.gateway.support.InjectFakeUpstreams;

/** The test configuration allows the single origin https://app.example.org. */
@QuarkusTest
class GatewayCorsTest {

    private static final String ALLOWED = "https://app.example.org";
    private static final String OTHER = "https://evil.example.net";

    @InjectFakeUpstreams
    FakeUpstreams upstreams;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aPreflightFromAConfiguredOriginIsAllowedAtTheGateway() {
        int before = upstreams.get("consent-service").requests();
        given().header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/consent/me")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600");
        assertEquals(before, upstreams.get("consent-service").requests(), "a preflight needs no token and no service");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        given().header("Origin", OTHER)
                .header("Access-Control-Request-Method", "PUT")
                .when().options("/api/consent/me")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aCrossOriginCallFromAConfiguredOriginCarriesTheCorsHeaders() {
        given().header("Origin", ALLOWED)
                .when().get("/api/consent/purposes")
                .then().statusCode(200)
                .body("service", equalTo("consent-service"))
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("X-Correlation-Id"));
    }

    @Test
    void aCrossOriginCallFromAnotherOriginIsRefused() {
        int before = upstreams.get("consent-service").requests();
        given().header("Origin", OTHER)
                .when().get("/api/consent/purposes")
                .then().statusCode(403)
                .contentType("application/problem+json");
        assertEquals(before, upstreams.get("consent-service").requests());
    }

    @Test
    void aSameOriginFormPostIsNotCrossOrigin() {
        // what a browser sends when the form of a page served through the gateway is submitted
        String self = gateway.getProtocol() + "://" + gateway.getHost() + ":" + gateway.getPort();
        given().header("Origin", self)
                .when().post("/api/newsletter/unsubscribe?token=abc")
                .then().statusCode(200)
                .body("service", equalTo("newsletter-service"));
    }

    @Test
    void aFormPostWithAnOpaqueOriginPassesOnlyWhenTheBrowserSaysSameOrigin() {
        // Chromium's form post from a page under Referrer-Policy: no-referrer
        given().header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .when().post("/api/newsletter/unsubscribe?token=abc")
                .then().statusCode(200)
                .body("service", equalTo("newsletter-service"));
        int before = upstreams.get("newsletter-service").requests();
        for (String site : new String[] {"cross-site", "same-site", "none"}) {
            given().header("Origin", "null").header("Sec-Fetch-Site", site)
                    .when().post("/api/newsletter/unsubscribe?token=abc")
                    .then().statusCode(403);
        }
        given().header("Origin", "null")
                .when().post("/api/newsletter/unsubscribe?token=abc")
                .then().statusCode(403);
        assertEquals(before, upstreams.get("newsletter-service").requests());
    }
}
