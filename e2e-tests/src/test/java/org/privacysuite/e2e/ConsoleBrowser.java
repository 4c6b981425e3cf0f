package org.privacysuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven by its chromium-driver (no driver or browser download: both come from apt,
 * see .ci/run), pointed at the console through the gateway. Screenshots go to {@code docs/console/}, which
 * docs/console.md links.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    final ChromeDriver driver;
    private final String gateway;
    private final WebDriverWait wait;

    ConsoleBrowser(String gateway, String acceptLanguage) {
        this.gateway = gateway;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                "--disable-gpu", "--accept-lang=" + acceptLanguage);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the console, signs in on the real Keycloak login page and waits to be back on the console. */
    void signIn(String username, String password, String loginScreenshot) {
        driver.get(gateway + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        if (loginScreenshot != null) {
            screenshot(loginScreenshot);
        }
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(gateway + "/console/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    void open(String consolePath) {
        driver.get(gateway + "/console" + consolePath);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Clicks a link or button and waits until the next page has replaced this one. */
    void click(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String heading() {
        return find(By.tagName("h1")).getText();
    }

    void screenshot(String name) {
        try {
            Path target = SuiteUnderTest.repositoryRoot().resolve("docs/console").resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
