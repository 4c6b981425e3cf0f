package org.privacysuite.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven through chromium-driver (no browser or driver download: both come from apt,
 * paths overridable with -Dbrowser.chromium and -Dbrowser.chromedriver). One fresh profile per instance: a new
 * visitor without cookies.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;

    private Browser(String base, boolean gpc) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("browser.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        if (gpc) {
            // What a GPC browser does: the DOM signal on every page and the Sec-GPC header on every request.
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"));
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Sec-GPC", "1")));
        }
    }

    static Browser visitor(String gateway) {
        return new Browser(gateway, false);
    }

    static Browser gpcVisitor(String gateway) {
        return new Browser(gateway, true);
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    <T> T await(ExpectedCondition<T> condition) {
        return await(condition, Duration.ofSeconds(20));
    }

    <T> T await(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    WebElement banner() {
        return await(d -> d.findElements(By.cssSelector("[role=dialog]")).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    boolean bannerShown() {
        return !driver.findElements(By.cssSelector("[role=dialog]")).isEmpty();
    }

    /** The banner's button with exactly this text (first or second layer). */
    WebElement button(String text) {
        return banner().findElements(By.tagName("button")).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + text + "' in the banner"));
    }

    /** Waits until the SDK has read the catalogue and the device's state. */
    void awaitSdkReady() {
        await(d -> Boolean.TRUE.equals(driver.executeAsyncScript(
                "const done = arguments[0]; PrivacySuite.consent.ready.then(() => done(true), () => done(false));")));
    }

    String deviceCookie() {
        Cookie cookie = driver.manage().getCookieNamed("ps_device");
        return cookie == null ? null : cookie.getValue();
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    String activeText() {
        return driver.switchTo().activeElement().getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** target/screenshots/NAME.png; docs/frontend/ holds copies of the ones worth showing. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
