package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.privacysuite.testsupport.KeycloakServer;

/**
 * The reference storefront's journeys end to end in a real browser: offers by interest only with advertising consent
 * and the visitor's view and deletion of the profile behind them, newsletter double opt-in, a privacy request
 * without an account, and an account's life (sign-up, Keycloak sign-in with the device linked, per-field sharing,
 * app-usage consent, closure waiting for a return window, an access request with its download).
 */
class StorefrontBrowserTest extends Journey {

    /**
     * The demo realm lets privacy-web return to the gateway on port 8080 only; the suite under test runs it on a
     * free port, which is registered here (redirect and web origin) through Keycloak's admin API.
     */
    @BeforeAll
    static void letTheRealmReturnToThisGateway() {
        String gateway = SuiteUnderTest.get().gateway();
        String keycloak = KeycloakServer.baseUrl();
        String admin = KeycloakServer.adminToken();
        Map<String, Object> client = given().auth().oauth2(admin).queryParam("clientId", "privacy-web")
                .when().get(keycloak + "/admin/realms/privacy/clients")
                .then().statusCode(200).extract().path("[0]");
        List<String> redirects = new ArrayList<>((List<String>) client.get("redirectUris"));
        List<String> origins = new ArrayList<>((List<String>) client.get("webOrigins"));
        if (!redirects.contains(gateway + "/*")) {
            redirects.add(gateway + "/*");
            origins.add(gateway);
            client.put("redirectUris", redirects);
            client.put("webOrigins", origins);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                    .when().put(keycloak + "/admin/realms/privacy/clients/" + client.get("id"))
                    .then().statusCode(204);
        }
    }

    private final Mails mails = new Mails(suite.mail());

    private static void say(Browser browser, String output, String expected) {
        browser.await(d -> browser.find("#" + output).getText().contains(expected) ? true : null);
    }

    private static void type(Browser browser, String css, String text) {
        browser.find(css).clear();
        browser.find(css).sendKeys(text);
    }

    private static void acceptAll(Browser browser) {
        browser.button("Accept all").click();
        browser.await(d -> browser.all("[role=dialog]").isEmpty());
    }

    /** The non-personalised order of the seeded offers (their fallback ranks). */
    private static final List<String> SAME_FOR_EVERYONE = List.of("quietwash-week", "steamchef-recipes", "care-kit",
            "winter-recipes");

    /** The home page's offers once they are shown on this basis: their keys, in order. */
    private static List<String> offersOn(Browser browser, String basis) {
        browser.await(d -> basis.equals(browser.find("#offers").getDomAttribute("data-basis")) ? true : null,
                Duration.ofSeconds(45));
        return browser.all("#offers > li").stream().map(li -> li.getDomAttribute("data-key")).toList();
    }

    /** The weight newsletter-service keeps for a device's topic under advertising consent (0 without a row). */
    private double offersInterest(String device, String topic) {
        Number weight = gateway().queryParam("deviceId", device).when().get("/api/offers/interests").then()
                .statusCode(200).extract()
                .path("interests.find { it.purpose == 'advertising-cookies' && it.topic == '" + topic + "' }.weight");
        return weight == null ? 0 : weight.doubleValue();
    }

    @Test
    void recipePagesBringRecipeOffersFirstOnlyWithAdvertisingConsentAndTheVisitorDeletesTheProfile() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            offersOn(browser, "no-consent");
            // advertising cookies only: the page views are kept because of them, not of newsletter personalisation
            browser.button("Choose per purpose").click();
            browser.find("#psb-advertising-cookies").click();
            browser.button("Save my choices").click();
            browser.await(d -> browser.all("[role=dialog]").isEmpty());
            String device = browser.deviceCookie();
            // the offers follow the choice without a reload; nothing is known of the visitor yet
            assertEquals(SAME_FOR_EVERYONE, offersOn(browser, "no-profile"));
            assertEquals("false", browser.find("#offers").getDomAttribute("data-personalised"));

            for (int visit = 1; visit <= 3; visit++) {
                browser.open("/demo/recipes.html");
                int seen = visit;
                browser.await(d -> offersInterest(device, "recipes") >= seen - 0.01 ? true : null);
            }

            browser.open("/demo/");
            List<String> offers = offersOn(browser, "interests");
            assertTrue(List.of("steamchef-recipes", "winter-recipes").contains(offers.get(0)), "recipes first: " + offers);
            assertEquals("true", browser.find("#offers").getDomAttribute("data-personalised"));
            assertTrue(browser.find("#offers-basis").getText().contains("Recipes"), browser.find("#offers-basis").getText());
            assertTrue(browser.find("#offers > li").getText().contains("Because you looked at: Recipes"));
            browser.js("document.getElementById('offers-title').scrollIntoView();");
            browser.screenshot("storefront-offers-personalised");

            browser.find("#interests-link").click();
            say(browser, "interests-summary", "we think you are interested in");
            assertTrue(browser.find("#interests-summary").getText().contains("Recipes"));
            assertTrue(browser.find("#interests tr[data-topic=recipes][data-purpose=advertising-cookies]").getText()
                    .contains("choosing the offers you see on this site"));
            browser.screenshot("storefront-interests");
            browser.find("#delete-interests").click();
            say(browser, "interests-summary", "We keep no interests for this device.");
            say(browser, "interests-result", "Deleted");
            assertTrue(browser.all("#interests tr").isEmpty());
            assertFalse(browser.find("#interests-table").isDisplayed());
            assertEquals(0.0, offersInterest(device, "recipes"));

            browser.open("/demo/");
            assertEquals(SAME_FOR_EVERYONE, offersOn(browser, "no-profile"), "nothing left to personalise with");
            assertEquals("false", browser.find("#offers").getDomAttribute("data-personalised"));
        }
    }

    @Test
    void aVisitorWhoRejectsAllSeesTheSameOffersAsEveryoneAndIsToldWhy() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            browser.button("Reject all").click();
            browser.await(d -> browser.all("[role=dialog]").isEmpty());
            String device = browser.deviceCookie();
            browser.open("/demo/recipes.html");
            browser.awaitSdkReady();
            browser.open("/demo/");
            assertEquals(SAME_FOR_EVERYONE, offersOn(browser, "no-consent"));
            assertEquals("false", browser.find("#offers").getDomAttribute("data-personalised"));
            assertTrue(browser.find("#offers-basis").getText().contains("you have not allowed advertising cookies"),
                    browser.find("#offers-basis").getText());
            // the links are the catalogue's, within the shop
            assertTrue(browser.find("#offers > li a").getDomProperty("href").endsWith("/demo/#quietwash-300"));

            browser.open("/demo/interests.html");
            say(browser, "interests-summary", "We keep no interests for this device.");
            assertEquals(0.0, offersInterest(device, "recipes"), "no page view was kept");

            browser.open("/demo/fr/");
            assertEquals(SAME_FOR_EVERYONE, offersOn(browser, "no-consent"));
            assertTrue(browser.find("#offers-basis").getText().contains("cookies publicitaires"),
                    browser.find("#offers-basis").getText());
        }
    }

    @Test
    void newsletterSignUpIsConfirmedFromTheMailedLink() {
        String email = "shop-" + UUID.randomUUID() + "@example.com";
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/newsletter.html");
            acceptAll(browser);
            browser.await(d -> browser.all("#topics input").size() >= 4 ? true : null);
            type(browser, "#email", email);
            browser.find("#subscribe button").click();
            say(browser, "subscribe-result", "Please confirm with the link");
            browser.screenshot("storefront-newsletter");

            String link = Mails.find(Mails.body(mails.awaitMail(email, 1)), "(https?://[^\\s\"'<>]+/confirm\\?token=[A-Za-z0-9_.~%-]+)");
            browser.driver.get(link);
            browser.driver.findElement(By.xpath("//button[text()='Confirm my subscription']")).click();
            browser.await(d -> d.getPageSource().contains("your subscription is confirmed") ? true : null);
        }
    }

    @Test
    void aQuestionWithoutAnAccountIsVerifiedWithTheMailedCode() {
        String email = "asker-" + UUID.randomUUID() + "@example.com";
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/privacy.html");
            acceptAll(browser);
            new Select(browser.find("#type")).selectByValue("QUESTION");
            new Select(browser.find("#jurisdiction")).selectByValue("CCPA");
            type(browser, "#message", "Which data do you keep about my orders?");
            type(browser, "#request-email", email);
            browser.find("#request button").click();
            say(browser, "request-result", "QUESTION request");
            assertTrue(browser.find("#request-result").getText().contains("UNVERIFIED"));

            String code = Mails.find(Mails.body(mails.awaitMail(email, 1)), "code is (\\d{6})");
            type(browser, "#code", code);
            browser.find("#verify button").click();
            say(browser, "request-result", "your address is confirmed");
            assertFalse(browser.find("#request-result").getText().contains("UNVERIFIED"));
            browser.screenshot("storefront-privacy-request");
        }
    }

    /** Issue #14: a visitor with no account and no address asks with what this browser's cookie holds. */
    @Test
    void aCookieOnlyVisitorGetsTheirDataWithThisBrowser() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/privacy.html");
            acceptAll(browser); // the device now has choices on record: its data
            new Select(browser.find("#type")).selectByValue("ACCESS");
            browser.find("#use-device").click();
            browser.find("#request button").click();
            say(browser, "request-result", "ACCESS request");
            browser.await(d -> {
                browser.find("#device-refresh").click();
                return browser.all("#device-requests li button").isEmpty() ? null : true;
            }, Duration.ofSeconds(90));
            browser.screenshot("storefront-device-request");
            String device = (String) browser.js("return PrivacySuite.consent.deviceId;");
            String id = Mails.find(browser.find("#request-result").getText(), "request ([0-9a-f-]{36})");
            gateway().header("X-Device-Id", device).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("FULFILLED"))
                    .body("identities.find { it.kind == 'device' }.proof", org.hamcrest.Matchers.equalTo("DEVICE_HELD"));
            gateway().header("X-Device-Id", device).when().get("/api/privacy-requests/" + id + "/export").then()
                    .statusCode(200).body(org.hamcrest.Matchers.containsString(device));
        }
    }

    @Test
    void anAccountFromSignUpToClosureWaitingForItsReturnWindow() {
        String username = "shop" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String password = "Pw-" + UUID.randomUUID();
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/account.html");
            browser.button("Reject all").click();
            browser.await(d -> browser.all("[role=dialog]").isEmpty());
            type(browser, "#su-username", username);
            type(browser, "#su-email", username + "@example.com");
            type(browser, "#su-password", password);
            type(browser, "#su-name", "Sam Shopper");
            browser.find("#sign-up button").click();
            say(browser, "account-result", "Account created");

            // Keycloak's own login page, then back with a code (PKCE), and the device linked to the account
            browser.find("#sign-in").click();
            browser.await(d -> d.findElements(By.id("kc-login")).isEmpty() ? null : true);
            browser.find("#username").sendKeys(username);
            browser.find("#password").sendKeys(password);
            browser.find("#kc-login").click();
            say(browser, "account-result", "now follow your account");
            say(browser, "who", "Signed in as " + username);
            String token = KeycloakServer.passwordToken(username, password);
            // a new account has no decision; the device's refusals joined it
            assertEquals(false, as(token).when().get("/api/consent/me").then().statusCode(200).extract()
                    .path("purposes.find { it.purpose == 'app-usage-data' }.granted"), "the banner's choice joined the account");

            // per-field sharing: the city is public, the bio is not
            browser.await(d -> browser.all("#f-city").isEmpty() ? null : true);
            type(browser, "#f-city", "Lyon");
            type(browser, "#f-bio", "Likes quiet dishwashers");
            browser.find("input[name=share][value=city]").click();
            browser.find("#profile button").click();
            say(browser, "account-result", "Profile saved");
            browser.find("#public-link").click();
            browser.await(d -> browser.find("#public-profile").getText().contains("Lyon") ? true : null);
            assertFalse(browser.find("#public-profile").getText().contains("quiet"), "the bio stays private");
            assertEquals(Map.of("city", "Lyon"), gateway().when().get("/api/accounts/" + username + "/public")
                    .then().statusCode(200).extract().path("profile"));

            // app usage: refused without consent, stored with it
            browser.find("#send-usage").click();
            say(browser, "usage-result", "Not stored");
            browser.find("#app-usage-consent").click();
            say(browser, "usage-result", "App usage data allowed");
            browser.find("#send-usage").click();
            say(browser, "usage-result", "Usage event stored");
            browser.await(d -> browser.all("#usage-list li").size() == 1 ? true : null);
            browser.screenshot("storefront-account");

            // closing waits for an order's return window, and can be cancelled
            String accountId = subject(token);
            as(serviceToken()).contentType(ContentType.JSON)
                    .body(Map.of("reason", "RETURN_WINDOW", "until", Instant.now().plus(14, ChronoUnit.DAYS).toString(),
                            "reference", "order-" + username))
                    .when().post("/api/accounts/" + accountId + "/holds").then().statusCode(201);
            browser.find("#close-account").click();
            say(browser, "closure-result", "Closing is waiting for: RETURN_WINDOW");
            browser.js("document.getElementById('closure-result').scrollIntoView({block: 'center'});");
            browser.screenshot("storefront-closure-pending");
            browser.find("#cancel-closure").click();
            say(browser, "closure-result", "Closing cancelled");

            // an access request of the signed-in customer, fulfilled by every service, then downloaded
            browser.open("/demo/privacy.html");
            assertFalse(browser.find("#request-email").isDisplayed(), "a signed-in customer is proven by the token");
            browser.find("#request button").click();
            say(browser, "request-result", "ACCESS request");
            // Keycloak has not verified the sign-up address: dsar-service proves it with a mailed code first
            String email = username + "@example.com";
            String code = browser.await(d -> mails.to(email).stream().map(Mails::body).filter(b -> b.contains("code is"))
                    .map(b -> Mails.find(b, "code is (\\d{6})")).findFirst().orElse(null));
            type(browser, "#code", code);
            browser.find("#verify button").click();
            say(browser, "request-result", "your address is confirmed");
            browser.await(d -> {
                browser.find("#refresh").click();
                return browser.all("#requests li button").isEmpty() ? null : true;
            }, Duration.ofSeconds(90));
            browser.screenshot("storefront-access-fulfilled");
            String requestId = as(token).when().get("/api/privacy-requests").then().statusCode(200).extract().path("[0].id");
            as(token).when().get("/api/privacy-requests/" + requestId + "/export").then().statusCode(200);
        }
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Mails.find(payload, "\"sub\":\"([^\"]+)\"");
    }
}
