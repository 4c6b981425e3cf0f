package org.privacysuite.e2e;

import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The consent SDK in a real browser, on the storefront's home page through the gateway: what a visitor sees, what
 * consent-service records, and which marked tags run.
 */
class ConsentBannerBrowserTest extends Journey {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    /** What consent-service holds for the device: purpose to granted, and the whole answer. */
    private JsonPath state(String device) {
        return gateway().when().get("/api/consent/devices/" + device).then().statusCode(200).extract().jsonPath();
    }

    private Boolean granted(String device, String purpose) {
        return state(device).get("purposes.find { it.purpose == '" + purpose + "' }.granted");
    }

    private static void awaitRecorded(Browser browser) {
        browser.await(d -> browser.all("[role=dialog]").isEmpty());
        browser.await(d -> Boolean.TRUE.equals(browser.js("return PrivacySuite.consent.has('strictly-necessary') "
                + "&& document.querySelector('[role=dialog]') === null")));
    }

    private Object analyticsRuns(Browser browser) {
        return browser.js("return window.shopAnalyticsRuns === undefined ? null : window.shopAnalyticsRuns;");
    }

    @Test
    void newVisitorSeesTheBannerAndRejectAllKeepsTheAnalyticsScriptFromRunning() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            WebElement banner = browser.banner();
            browser.screenshot("banner-first-layer");
            assertEquals("true", banner.getDomAttribute("aria-modal"));
            assertEquals("Your privacy choices", browser.find("#" + banner.getDomAttribute("aria-labelledby")).getText());
            String device = browser.deviceCookie();
            assertNotNull(device, "the device id cookie is set");
            assertTrue(device.matches(UUID_V4), "a random UUID v4: " + device);

            // equal weight: the same look for both first-layer choices
            WebElement accept = browser.button("Accept all");
            WebElement reject = browser.button("Reject all");
            for (String property : List.of("background-color", "color", "font-size", "font-weight", "border")) {
                assertEquals(accept.getCssValue(property), reject.getCssValue(property), property);
            }
            assertEquals(accept.getSize(), reject.getSize(), "same size");

            reject.click();
            awaitRecorded(browser);
            browser.await(d -> Boolean.FALSE.equals(granted(device, "analytics-cookies")));
            assertEquals(false, granted(device, "advertising-cookies"));
            assertEquals("refused", gateway().auth().oauth2(serviceToken()).queryParam("subject", device)
                    .queryParam("purpose", "analytics-cookies").when().get("/api/consent/check")
                    .then().statusCode(200).extract().path("reason"), "other services are told no");

            browser.open("/demo/");
            browser.awaitSdkReady();
            assertFalse(browser.bannerShown(), "a recorded choice is not asked again");
            assertNull(analyticsRuns(browser), "the analytics script never ran");
            assertEquals(1, browser.all("script[type='text/plain'][data-purpose=analytics-cookies]").size(),
                    "the analytics script is still held back");
            assertNull(browser.find("iframe[data-purpose]").getDomAttribute("src"), "the advertising frame is not loaded");
            assertNull(browser.driver.manage().getCookieNamed("shop_analytics"));
        }
    }

    @Test
    void acceptAllRunsTheAnalyticsScriptWithoutAReloadAndWithdrawingRemovesItsCookie() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            browser.banner();
            browser.js("window.sameDocument = 'yes';");
            assertNull(analyticsRuns(browser));
            browser.button("Accept all").click();
            browser.await(d -> analyticsRuns(browser) != null);
            assertEquals("yes", browser.js("return window.sameDocument;"), "no reload");
            assertEquals(1L, analyticsRuns(browser), "ran exactly once");
            assertTrue(browser.find("iframe[data-purpose]").getDomAttribute("src").endsWith("/demo/ad.html"));
            assertNotNull(browser.driver.manage().getCookieNamed("shop_analytics"));
            String device = browser.deviceCookie();
            browser.await(d -> Boolean.TRUE.equals(granted(device, "analytics-cookies")));
            // Google Consent Mode v2: denied by default, then updated from the mapped purposes
            assertEquals("granted", browser.js("return dataLayer.filter(a => a[1] === 'update').pop()[2].analytics_storage;"));
            assertEquals("granted", browser.js("return dataLayer.filter(a => a[1] === 'update').pop()[2].ad_storage;"));

            // withdrawal through the second layer
            browser.find("#privacy-settings").click();
            browser.button("Choose per purpose").click();
            browser.find("#psb-analytics-cookies").click();
            browser.find("#psb-advertising-cookies").click();
            browser.screenshot("banner-second-layer");
            browser.button("Save my choices").click();
            browser.await(d -> browser.driver.manage().getCookieNamed("shop_analytics") == null);
            assertEquals("about:blank", browser.find("iframe[data-purpose]").getDomAttribute("src"));
            assertEquals("denied", browser.js("return dataLayer.filter(a => a[1] === 'update').pop()[2].analytics_storage;"));
            browser.await(d -> Boolean.FALSE.equals(granted(device, "analytics-cookies")));
            assertEquals(true, granted(device, "newsletter-personalisation"), "the other choices stay");
        }
    }

    @Test
    void aGpcBrowserGetsAdvertisingOffAndSeesThatItWasHonoured() {
        try (Browser browser = Browser.gpcVisitor(suite.gateway())) {
            browser.open("/demo/");
            WebElement banner = browser.banner();
            assertTrue(banner.getText().contains("Global Privacy Control signal. We honour it"), banner.getText());
            browser.button("Choose per purpose").click();
            WebElement advertising = browser.find("#psb-advertising-cookies");
            assertFalse(advertising.isSelected());
            assertFalse(advertising.isEnabled(), "a GPC-governed purpose cannot be switched on");
            browser.screenshot("banner-gpc");
            browser.button("Back").click();
            browser.button("Accept all").click();
            awaitRecorded(browser);
            String device = browser.deviceCookie();
            browser.await(d -> Boolean.TRUE.equals(granted(device, "analytics-cookies")));
            JsonPath state = state(device);
            assertEquals(false, state.get("purposes.find { it.purpose == 'advertising-cookies' }.granted"));
            assertEquals(true, state.get("purposes.find { it.purpose == 'advertising-cookies' }.gpc"),
                    "recorded as the GPC signal's refusal");
            assertEquals(false, browser.js("return PrivacySuite.consent.has('advertising-cookies');"));
            assertNull(browser.find("iframe[data-purpose]").getDomAttribute("src"), "no advertising frame");
        }
    }

    @Test
    void aMaterialNoticeChangeBringsTheBannerBack() {
        String purpose = "e2e-loyalty-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = officerToken();
        Map<String, Object> v1 = Map.of("title", "Loyalty programme", "description", "Points for your purchases.",
                "legalBasis", "CONSENT");
        as(officer).contentType("application/json").body(v1).when().put("/api/consent/purposes/" + purpose)
                .then().statusCode(oneOf(200, 201));
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            browser.button("Accept all").click();
            awaitRecorded(browser);
            String device = browser.deviceCookie();
            browser.await(d -> Boolean.TRUE.equals(granted(device, purpose)));
            browser.open("/demo/");
            browser.awaitSdkReady();
            assertFalse(browser.bannerShown());

            as(officer).contentType("application/json")
                    .body(Map.of("title", "Loyalty programme", "description", "Points, and offers chosen from your purchases.",
                            "legalBasis", "CONSENT", "materialChange", true))
                    .when().put("/api/consent/purposes/" + purpose).then().statusCode(200);
            browser.open("/demo/");
            WebElement banner = browser.banner();
            assertTrue(banner.getText().startsWith("Your privacy choices\nOur notice has changed"), banner.getText());
            assertFalse(browser.js("return PrivacySuite.consent.has('" + purpose + "');").equals(true),
                    "a consent to the old notice no longer counts");
            browser.button("Choose per purpose").click();
            assertTrue(browser.find("#psb-" + purpose).findElement(By.xpath("../..")).getText()
                    .contains("Notice version 2"));
        }
    }

    @Test
    void theFrenchPageIsInFrench() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/fr/");
            WebElement banner = browser.banner();
            browser.screenshot("banner-french");
            assertEquals("fr", banner.getDomAttribute("lang"));
            assertTrue(banner.getText().startsWith("Vos choix de confidentialité"), banner.getText());
            browser.button("Tout refuser");
            browser.button("Tout accepter");
            browser.button("Choisir par finalité").click();
            browser.button("Enregistrer mes choix");
        }
    }

    @Test
    void theWholeBannerWorksWithTheKeyboardAlone() {
        try (Browser browser = Browser.visitor(suite.gateway())) {
            browser.open("/demo/");
            browser.banner();
            Actions keys = new Actions(browser.driver);
            assertEquals("Reject all", browser.activeText(), "focus starts in the dialog");
            keys.sendKeys(Keys.TAB).perform();
            assertEquals("Accept all", browser.activeText());
            keys.sendKeys(Keys.TAB).perform();
            assertEquals("Choose per purpose", browser.activeText());
            keys.sendKeys(Keys.TAB).perform();
            assertEquals("Reject all", browser.activeText(), "focus stays trapped in the dialog");
            keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            assertEquals("Choose per purpose", browser.activeText());
            keys.sendKeys(Keys.ENTER).perform();
            WebElement first = browser.driver.switchTo().activeElement();
            assertEquals("switch", first.getDomAttribute("role"), "the second layer opens on its first switch");
            String chosen = first.getDomAttribute("name");
            keys.sendKeys(Keys.SPACE).perform();
            assertTrue(first.isSelected(), "space switches it on");
            for (int i = 0; i < 20 && !"Save my choices".equals(browser.activeText()); i++) {
                keys.sendKeys(Keys.TAB).perform();
            }
            keys.sendKeys(Keys.ENTER).perform();
            awaitRecorded(browser);
            String device = browser.deviceCookie();
            browser.await(d -> Boolean.TRUE.equals(granted(device, chosen)));
            List<String> grantedPurposes = state(device).getList("purposes.findAll { it.granted }.purpose");
            assertEquals(List.of(chosen), grantedPurposes, "only the switched-on purpose is granted");
        }
    }
}
