package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for the web tests, driven by Selenium through Debian's chromedriver — both
 * named by path, so Selenium Manager never runs and nothing is downloaded. Where there is no
 * Chromium the test is skipped with a message, unless {@code OPENCPM_REQUIRE_BROWSER=1} (set by
 * {@code .ci/run}), where it fails.
 *
 * <pre>{@code
 * try (Browser b = Browser.phone("en")) {
 *     b.open(server + "/admin/");
 *     b.type(By.id("signin-key"), key).click(By.cssSelector("#signin button[type=submit]"));
 *     b.waitVisible(By.id("session"));
 *     b.screenshot("admin-signed-in");
 *     b.assertAccessible();
 * }
 * }</pre>
 *
 * Screenshots go to {@code distribution/target/screenshots/<Test>-<page>-<viewport>-<lang>.png}.
 * The browser's language (navigator.languages, Accept-Language) is the one given, so pages choose it
 * themselves unless the URL says {@code ?lang=}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AXE_WEBJAR = "META-INF/resources/webjars/axe-core/";

    /** A viewport: its name in screenshot file names, its size, and whether Chrome emulates a phone (touch, device pixel ratio). */
    public record Viewport(String name, int width, int height, boolean mobile) {
    }

    public static final Viewport DESKTOP = new Viewport("desktop", 1280, 800, false);
    public static final Viewport PHONE = new Viewport("phone", 390, 844, true);

    private final ChromeDriver driver;
    private final Path profile;
    private final Viewport viewport;
    private final String language;
    private final String testName;

    private Browser(Viewport viewport, String language) {
        assumeAvailable();
        this.viewport = viewport;
        this.language = language;
        this.testName = callingTest();
        try {
            this.profile = Files.createTempDirectory("opencpm-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--disable-extensions", "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=" + viewport.width() + "," + viewport.height());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        if (viewport.mobile()) {
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", viewport.width(), "height", viewport.height(), "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"
                            + " MicroMessenger/8.0.50"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withSilent(true).build();
        this.driver = new ChromeDriver(service, options);
        if (!viewport.mobile()) {
            driver.manage().window().setSize(new Dimension(viewport.width(), viewport.height()));
        }
    }

    /** A 1280×800 desktop window whose browser speaks {@code language} ({@code zh-CN} or {@code en}). */
    public static Browser desktop(String language) {
        return new Browser(DESKTOP, language);
    }

    /** A 390×844 phone (touch, 3× pixels, a WeChat-like user agent) whose browser speaks {@code language}. */
    public static Browser phone(String language) {
        return new Browser(PHONE, language);
    }

    public static Browser of(Viewport viewport, String language) {
        return new Browser(viewport, language);
    }

    /** Skips the calling test when there is no Chromium here, or fails it when {@code OPENCPM_REQUIRE_BROWSER=1}. */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        String message = "no Chromium here (" + CHROMIUM + " and " + CHROMEDRIVER + " are needed: apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv("OPENCPM_REQUIRE_BROWSER"))) {
            fail(message + ", and OPENCPM_REQUIRE_BROWSER=1 says the browser tests must run");
        }
        Assumptions.abort(message + "; the browser test is skipped");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String language() {
        return language;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Opens a URL and waits until the document and its module scripts have run. */
    public Browser open(String url) {
        driver.get(url);
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(script("return document.readyState")));
        return this;
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public WebElement waitVisible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public Browser waitHidden(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(by));
        return this;
    }

    /** Waits until the element's text contains {@code text}. */
    public Browser waitText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return this;
    }

    public Browser click(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
        return this;
    }

    public Browser type(By by, String text) {
        WebElement field = waitVisible(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public String text(By by) {
        return waitVisible(by).getText();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code script}, which must call {@code arguments[arguments.length - 1]} with its result. */
    public Object asyncScript(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** A full-window PNG, as {@code target/screenshots/<Test>-<page>-<viewport>-<lang>.png}. */
    public Path screenshot(String page) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(testName + "-" + page + "-" + viewport.name() + "-" + language + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (the WebJar's axe.min.js, injected into the page) on the page as it is now and
     * fails on any serious or critical violation, printing every violation with its nodes.
     */
    @SuppressWarnings("unchecked")
    public Browser assertAccessible() {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource());
        }
        Map<String, Object> result = (Map<String, Object>) asyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done({ violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary) })) }))
                  .catch(e => done({ error: String(e) }));
                """);
        assertThat(result.get("error")).as("axe-core ran").isNull();
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            String line = "[" + v.get("impact") + "] " + v.get("id") + ": " + v.get("help") + " " + v.get("nodes");
            System.out.println("axe " + driver.getCurrentUrl() + " (" + viewport.name() + ", " + language + "): " + line);
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                serious.add(line);
            }
        }
        assertThat(serious).as("serious or critical accessibility violations on " + driver.getCurrentUrl()).isEmpty();
        return this;
    }

    private static String axeSource() {
        ClassLoader loader = Browser.class.getClassLoader();
        try (InputStream version = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(version);
            try (InputStream axe = loader.getResourceAsStream(AXE_WEBJAR + p.getProperty("version") + "/axe.min.js")) {
                return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("axe-core's WebJar (org.webjars.npm:axe-core) is not on the test class path", e);
        }
    }

    /** The simple name of the test class that made this browser. */
    private static String callingTest() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(f -> f.getDeclaringClass()).filter(c -> c != Browser.class).map(Class::getSimpleName)
                .filter(n -> n.endsWith("IT") || n.endsWith("Test")).findFirst().orElse("Browser"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is no reason to fail a test
            }
        }
    }
}
