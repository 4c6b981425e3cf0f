package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.privacysuite.gateway.support.FakeUpstream;
import org.privacysuite.gateway.support.FakeUpstreams;
import org.privacysuite.gateway.support.InjectFakeUpstreams;
import org.privacysuite.gateway.support.Tokens;

@QuarkusTest
class GatewaySecurityTest {

    @InjectFakeUpstreams
    FakeUpstreams upstreams;

    @ParameterizedTest
    @CsvSource({
            "GET,    /api/consent/me,                        consent-service",
            "GET,    /api/consent/check,                     consent-service",
            "PUT,    /api/consent/purposes/analytics-cookies, consent-service",
            "GET,    /api/accounts/me,                       account-service",
            "POST,   /api/accounts/me/closure,               account-service",
            "GET,    /api/privacy-requests/42/audit,         dsar-service",
            "GET,    /api/privacy-requests,                  dsar-service",
            "GET,    /api/newsletter/me,                     newsletter-service",
            "POST,   /api/newsletter/issues,                 newsletter-service" })
    void aProtectedRouteWithoutATokenIsRefusedAtTheGateway(String method, String path, String service) {
        FakeUpstream upstream = upstreams.get(service);
        int before = upstream.requests();
        given().contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("type", equalTo("about:blank"))
                .body("instance", equalTo(path));
        assertEquals(before, upstream.requests(), "the service never saw the request");
    }

    @Test
    void aValidTokenPassesAndReachesTheServiceUnchanged() {
        String token = Tokens.user("alice-sub");
        given().auth().oauth2(token)
                .when().get("/api/accounts/me")
                .then().statusCode(200)
                .body("service", equalTo("account-service"))
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void anExpiredOrForgedTokenIsRefused() {
        int before = upstreams.get("account-service").requests();
        for (String token : new String[] { Tokens.expired("alice-sub"), Tokens.tampered("alice-sub"), "not-a-jwt" }) {
            given().auth().oauth2(token)
                    .when().get("/api/accounts/me")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        assertEquals(before, upstreams.get("account-service").requests());
    }

    @ParameterizedTest
    @CsvSource({
            "GET,  /api/consent/purposes",
            "GET,  /api/consent/devices/6f1c3c1e-8d1b-4a63-9d0e-2c1c8b0f7a11",
            "PUT,  /api/consent/devices/6f1c3c1e-8d1b-4a63-9d0e-2c1c8b0f7a11",
            "POST, /api/accounts",
            "GET,  /api/accounts/alice/public",
            "POST, /api/newsletter/subscriptions",
            "POST, /api/newsletter/subscriptions/confirm",
            "GET,  /api/newsletter/unsubscribe",
            "POST, /api/newsletter/unsubscribe",
            "POST, /api/newsletter/browsing-events",
            "GET,  /api/offers",
            "POST, /api/offers/page-views",
            "GET,  /api/offers/interests",
            "DELETE, /api/offers/interests",
            "POST, /api/privacy-requests",
            "POST, /api/privacy-requests/42/verify",
            "GET,  /.well-known/gpc.json" })
    void publicRoutesNeedNoTokenButRefuseABadOne(String method, String path) {
        given().contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(200)
                .body("path", equalTo(path));
        given().auth().oauth2(Tokens.expired("someone")).contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void dataRightsProtocolAgentsBringTheirOwnTokens() {
        // DRP agent tokens are not realm JWTs; dsar-service checks them, the gateway must not refuse them
        given().auth().oauth2("drp-agent-token-7f3a")
                .contentType(ContentType.JSON).body("{\"regime\":\"ccpa\"}")
                .when().post("/v1/data-rights-request")
                .then().statusCode(200)
                .body("service", equalTo("dsar-service"))
                .body("headers.authorization", equalTo("Bearer drp-agent-token-7f3a"));
    }

    @Test
    void thePolicyIsDecidedOnTheNormalizedPath() {
        int before = upstreams.get("consent-service").requests();
        // %2e%2e is "..": this is /api/consent/me, which is protected, not the public purposes catalogue
        given().urlEncodingEnabled(false)
                .when().get("/api/consent/purposes/%2e%2e/me")
                .then().statusCode(401);
        given().urlEncodingEnabled(false)
                .when().get("/api/consent//devices/x/../../me")
                .then().statusCode(401);
        assertEquals(before, upstreams.get("consent-service").requests());
        given().auth().oauth2(Tokens.user("alice-sub")).urlEncodingEnabled(false)
                .when().get("/api/consent/purposes/%2e%2e/me")
                .then().statusCode(200)
                .body("path", equalTo("/api/consent/me"));
    }

    @Test
    void theConsoleSignsInItsOwnUsersAndTakesItsFormPosts() {
        // no bearer token: the console answers with its own sign-in redirect or page
        given().redirects().follow(false)
                .when().get("/console/requests/42")
                .then().statusCode(200)
                .body("service", equalTo("officer-console"))
                .body("path", equalTo("/console/requests/42"));
        // a form post of a console page: under Referrer-Policy: no-referrer browsers send "Origin: null", and the
        // console's CSRF token, not the CORS origin list, is what protects it
        given().header("Origin", "null").contentType(ContentType.URLENC).formParam("csrf-token", "t")
                .when().post("/console/requests/42/approve")
                .then().statusCode(200)
                .body("service", equalTo("officer-console"));
        // the API keeps its origin check
        given().header("Origin", "null").contentType(ContentType.JSON).body("{}")
                .when().post("/api/privacy-requests")
                .then().statusCode(403);
    }
}
