package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.distribution.RunningServer.ok;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.opencpm.distribution.Json;
import org.opencpm.distribution.RunningServer;

/**
 * The store tablet against the real distribution in a real Chromium (issue 14, ADR 0013): a clerk
 * signs in with an integrator key, loads the notice, finds a new customer by phone; the customer
 * ticks, signs on the canvas (a mouse on the desktop, a finger on the phone), submits; the
 * signature's SHA-256 is then in the audit trail, the file an auditor downloads has that hash, and
 * the page has forgotten the customer — then a returning customer is found with their choices.
 */
class StoreTabletBrowserIT {

    private static final String ADMIN_KEY = "store-tablet-admin-key-0123456789abcdef";

    @TempDir
    static Path work;
    private static RunningServer server;
    private static String base;
    private static ConsentFaces faces;
    private static String integratorKey;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY).start();
        base = "http://127.0.0.1:" + server.port;
        faces = new ConsentFaces(server, ADMIN_KEY);
        faces.defineCatalogue();
        integratorKey = faces.key("store 12 tablet", "integrator");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("title", "门店平板", "new", "新顾客", "known", "老顾客", "done", "已记录", "granted", "已同意"),
            "en", Map.of("title", "Store tablet", "new", "New customer", "known", "Returning customer", "done", "Recorded", "granted", "agreed"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    void a_customer_signs_and_the_signature_is_in_the_audit_chain(String viewport, String lang) throws Exception {
        Map<String, String> text = TEXT.get(lang);
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            b.open(base + "/store/?notice=" + ConsentFaces.NOTICE_CODE + "&version=" + ConsentFaces.NOTICE_VERSION);
            b.waitText(By.tagName("h1"), text.get("title"));
            b.type(By.id("signin-key"), integratorKey).click(By.cssSelector("#signin button[type=submit]"));
            b.waitVisible(By.id("store-setup"));
            b.type(By.id("setup-operator"), "S-0042");
            b.click(By.cssSelector("#store-setup button[type=submit]"));
            b.waitVisible(By.id("store-find"));
            b.screenshot("store-find");
            b.assertAccessible();

            b.type(By.id("find-phone"), phone).click(By.cssSelector("#store-find button[type=submit]"));
            b.waitText(By.id("customer-known"), text.get("new"));
            assertThat(b.text(By.id("notice-text"))).contains("我们如何收集和使用您的个人信息");
            b.click(By.id("p-marketing-sms"));
            b.click(By.id("sep-health-advice"));
            sign(b, viewport.equals("phone"));
            b.screenshot("store-signed");
            b.assertAccessible();
            // submitted from the keyboard (the button has the focus, Enter): a tap right after touch strokes
            // is dropped now and then by chromedriver's phone emulation, which the page cannot tell from no tap at all
            b.waitVisible(By.id("customer-submit")).sendKeys(Keys.ENTER);
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), Duration.ofSeconds(15)).until(d ->
                    d.findElement(By.id("store-done")).isDisplayed() || d.findElement(By.id("customer-error")).isDisplayed());
            assertThat(b.driver().findElement(By.id("customer-error")).isDisplayed())
                    .as("refused: %s", b.driver().findElement(By.id("customer-error")).getText()).isFalse();
            b.waitText(By.id("done-title"), text.get("done"));
            String hash = b.text(By.id("done-hash"));
            assertThat(hash).matches("[0-9a-f]{64}");
            // the page has forgotten the customer: no phone anywhere, the forms empty and hidden
            assertThat((String) b.script("return document.body.innerText + document.body.innerHTML")).doesNotContain(phone);
            assertThat(b.driver().findElement(By.id("find-phone")).getAttribute("value")).isEmpty();
            assertThat(b.driver().findElement(By.id("store-customer")).isDisplayed()).isFalse();
            b.screenshot("store-done");
            b.assertAccessible();

            // the chain names the file by its hash; the file an auditor downloads is that PNG
            String subject = faces.subjectOf("phone", phone);
            assertThat(subject).isNotNull();
            String trail = faces.auditTrail();
            List<String> events = trail.lines().filter(l -> l.contains(subject) && l.contains("consent_recorded")).toList();
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).contains("signature image/png sha256:" + hash));
            assertThat(Json.parse(ok(server.get("/api/v1/audit/verify", ADMIN_KEY)).body()).getBoolean("valid")).isTrue();
            byte[] png = download("/api/v1/subjects/" + subject + "/attachments/sha256:" + hash);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png))).isEqualTo(hash);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            var consents = faces.consents(subject);
            assertThat(consents.getJsonObject("marketing-sms").getString("state")).isEqualTo("granted");
            assertThat(consents.getJsonObject("marketing-sms").getString("channel")).isEqualTo("store");
            assertThat(consents.getJsonObject("marketing-sms").getString("method")).isEqualTo("signature");
            assertThat(consents.getJsonObject("analytics").getString("state")).isEqualTo("denied");
            assertThat(consents.getJsonObject("health-advice").getString("state")).isEqualTo("granted");
            assertThat(ok(server.get("/api/v1/subjects/" + subject + "/export", ADMIN_KEY)).body()).contains("S-0042");

            // the next customer: the same phone is a returning customer, with their choices shown
            b.click(By.id("done-next"));
            b.type(By.id("find-phone"), phone).click(By.cssSelector("#store-find button[type=submit]"));
            b.waitText(By.id("customer-known"), text.get("known"));
            assertThat(b.text(By.id("customer-current"))).contains(text.get("granted"));
            b.click(By.id("customer-cancel"));
            b.waitVisible(By.id("store-find"));
            assertThat((String) b.script("return document.body.innerText + document.body.innerHTML")).doesNotContain(phone);
        }
    }

    /** Draws a signature: strokes of a mouse, or of a finger on the phone's touch screen. */
    private static void sign(Browser b, boolean touch) {
        WebElement canvas = b.waitVisible(By.id("signature"));
        b.script("arguments[0].scrollIntoView({block: 'center'})", canvas);
        int width = canvas.getSize().getWidth();
        if (!touch) {
            new Actions(b.driver()).moveToElement(canvas, -width / 3, 0).clickAndHold()
                    .moveByOffset(20, -25).moveByOffset(20, 40).moveByOffset(25, -30).moveByOffset(30, 20).moveByOffset(40, -10)
                    .release().perform();
            return;
        }
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) b.script(
                "const r = arguments[0].getBoundingClientRect(); return {x: r.left, y: r.top, h: r.height};", canvas);
        int x = box.get("x").intValue() + width / 4;
        int y = box.get("y").intValue() + box.get("h").intValue() / 2;
        Sequence stroke = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        int[][] path = {{20, -25}, {40, 15}, {65, -15}, {95, 5}, {135, -5}, {160, 10}};
        for (int[] p : path) {
            stroke.addAction(finger.createPointerMove(Duration.ofMillis(30), PointerInput.Origin.viewport(), x + p[0], y + p[1]));
        }
        stroke.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        b.driver().perform(List.of(stroke));
    }

    private static byte[] download(String path) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_KEY).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
