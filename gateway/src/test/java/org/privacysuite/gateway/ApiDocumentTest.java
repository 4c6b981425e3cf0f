package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.privacysuite.gateway.support.FakeUpstream;
import org.privacysuite.gateway.support.FakeUpstreams;
import org.privacysuite.gateway.support.InjectFakeUpstreams;

/**
 * The merged API document at /openapi.json (assembled on every request in tests: refresh 0s) from the stand-in
 * services' documents, and the page at /api-docs/ that renders it.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocumentTest {

    private static final List<String> SERVICES = List.of("consent-service", "account-service", "dsar-service",
            "newsletter-service");

    @InjectFakeUpstreams
    FakeUpstreams upstreams;

    @AfterEach
    void restore() {
        upstreams.restoreAll();
    }

    @Test
    void theDocumentHasTheRoutedPathsOfEveryServiceAndTheGatewaysOwnOnly() {
        JsonPath document = document();
        Map<String, Object> paths = document.getMap("paths");
        for (String service : SERVICES) {
            FakeUpstream upstream = upstreams.get(service);
            assertTrue(paths.containsKey(upstream.apiPrefix() + "/things"), service + "'s routed path is in: " + paths.keySet());
            assertFalse(paths.containsKey("/internal/" + service), "a path the gateway does not route stays out");
        }
        assertTrue(paths.containsKey("/openapi.json"), "the gateway's own operation is in");
        assertEquals(SERVICES.size() + 1, paths.size(), "nothing else: " + paths.keySet());
        assertNull(document.get("x-unavailable-services"));
        // the tags of kept operations only, each declared once
        List<String> tags = document.getList("tags.name");
        assertTrue(tags.containsAll(SERVICES) && tags.contains("API documents"), "tags: " + tags);
        assertTrue(tags.stream().noneMatch(tag -> tag.startsWith("internal-")), "tags of dropped paths go: " + tags);
        // the realm the gateway validates tokens against, not whatever a service was built with
        assertEquals(realm() + "/.well-known/openid-configuration",
                document.getString("components.securitySchemes.oidc.openIdConnectUrl"));
    }

    @Test
    void schemasThatClashAreRenamedWithTheirReferencesAndUnusedOnesDropped() {
        JsonPath document = document();
        Map<String, Object> schemas = document.getMap("components.schemas");
        assertEquals(List.of("AccountThing", "DsarThing", "NewsletterThing", "Problem", "Thing"),
                new ArrayList<>(schemas.keySet()), "the first service's Thing keeps its name, the others' are prefixed;"
                        + " unused schemas are gone (Problem is the gateway's own operation's)");
        assertEquals("#/components/schemas/Thing", ref(document, "/api/consent/things"));
        assertEquals("#/components/schemas/DsarThing", ref(document, "/api/privacy-requests/things"));
        assertTrue(document.getMap("components.schemas.DsarThing.properties").containsKey("dsarField"),
                "the renamed schema is the dsar-service's own");
    }

    /** First: "never answered" is only true before any document was assembled (no other test asks for one). */
    @Test
    @Order(1)
    void aServiceThatFailsIsLeftOutUntilItAnswersThenKeptByItsLastGoodDocument() {
        upstreams.get("newsletter-service").stop();
        JsonPath partial = document();
        assertEquals(List.of("newsletter-service"), partial.getList("x-unavailable-services"));
        assertFalse(partial.getMap("paths").containsKey("/api/newsletter/things"));
        assertTrue(partial.getMap("paths").containsKey("/api/consent/things"), "the other services are still described");

        upstreams.restoreAll();
        assertTrue(document().getMap("paths").containsKey("/api/newsletter/things"));

        upstreams.get("newsletter-service").stop();
        JsonPath stale = document();
        assertTrue(stale.getMap("paths").containsKey("/api/newsletter/things"), "its last good document is used");
        assertNull(stale.get("x-unavailable-services"));
    }

    @Test
    void thePageLoadsItsRendererFromThisOriginUnderAPolicyWithoutInlineScripts() {
        Response page = given().when().get("/api-docs/");
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' " + origin(realm()) + ";"))
                .header("Content-Security-Policy", not(containsString("unsafe")));
        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.asString());
        List<String> found = new ArrayList<>();
        while (assets.find()) {
            found.add(assets.group(1));
            given().when().get(assets.group(1)).then().statusCode(200);
        }
        assertEquals(3, found.size(), "Swagger UI's script and style sheet, and the page's own script: " + found);
        assertTrue(found.stream().allMatch(url -> url.startsWith("/")), "nothing from another origin: " + found);
        given().when().get("/api-docs/api-docs.js").then().body(containsString("url: '/openapi.json'"));
    }

    private static String realm() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "");
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static JsonPath document() {
        return given().when().get("/openapi.json").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    private static String ref(JsonPath document, String path) {
        return document.getString("paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema.'$ref'");
    }
}
