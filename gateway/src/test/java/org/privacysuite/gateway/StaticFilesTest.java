package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The consent SDK under /sdk/ and the reference storefront under /demo/, with the headers each needs. */
@QuarkusTest
class StaticFilesTest {

    @Test
    void theSdkIsServedToAnySiteAndItsVersionedCopyIsImmutable() {
        given().when().get("/sdk/privacy-suite.js")
                .then().statusCode(200)
                .contentType(startsWith("text/javascript"))
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=3600")
                .body(containsString("PrivacySuite"));
        given().when().get("/sdk/1.0.1/privacy-suite.js")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=31536000, immutable");
        given().when().get("/sdk/1.0.1/privacy-suite.mjs")
                .then().statusCode(200)
                .contentType(startsWith("text/javascript"))
                .body(containsString("export"));
    }

    @Test
    void theStorefrontRunsItsOwnScriptsOnlyAndMayFrameItself() {
        given().when().get("/demo/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("src=\"/sdk/privacy-suite.js\""))
                .header("Content-Security-Policy", startsWith("default-src 'self'; script-src 'self';"))
                .header("X-Frame-Options", "SAMEORIGIN");
        given().when().get("/demo/README.md").then().statusCode(404);
    }

    @Test
    void everythingElseKeepsTheStrictHeaders() {
        given().when().get("/sdk/privacy-suite.js")
                .then().header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
        given().when().get("/api/no-such-resource")
                .then().header("X-Frame-Options", "DENY");
    }
}
