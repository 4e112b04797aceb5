package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.distribution.RunningServer.ok;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opencpm.distribution.RunningServer;

/**
 * The consent collection SDK on a brand's page of another origin (issue 14, ADR 0023), against the
 * real distribution in a real Chromium: the page loads {@code /sdk/opencpm.js} from OpenCPM under a
 * strict CSP of its own, the dialog asks, the person chooses (keyboard and pointer), a separate
 * dialog asks for the sensitive purpose, and the choices are then on the server — read over the API
 * with an admin key, as the brand's systems would — and in the page's {@code OpenCPM.choices()}.
 * The same page on an origin the collector key is not bound to gets no dialog and records nothing.
 */
class SdkBrowserIT {

    private static final String ADMIN_KEY = "sdk-browser-admin-key-0123456789abcdef";

    @TempDir
    static Path work;
    private static RunningServer server;
    private static String api;
    private static ConsentFaces faces;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY).start();
        api = "http://127.0.0.1:" + server.port;
        faces = new ConsentFaces(server, ADMIN_KEY);
        faces.defineCatalogue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("choose", "请选择您同意的用途", "selected", "同意所选", "separate", "单独同意", "agree", "同意"),
            "en", Map.of("choose", "Choose what you agree to", "selected", "Accept selected", "separate", "Separate consent", "agree", "Agree"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    void a_person_chooses_in_the_dialog_and_the_consents_are_recorded(String viewport, String lang) throws Exception {
        Map<String, String> text = TEXT.get(lang);
        String member = "m-" + UUID.randomUUID();
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            try (BrandSite brand = BrandSite.start(api, member, lang)) {
                brand.use(faces.key("brand site " + viewport + " " + lang, "collector", brand.origin));
                b.open(brand.origin + "/");
                SearchContext dialog = dialog(b);
                waitFor(b, () -> dialog.findElement(By.cssSelector("legend")).getText().contains(text.get("choose")));
                assertThat(dialog.findElement(By.cssSelector("[role=dialog]")).getAttribute("aria-modal")).isEqualTo("true");
                assertThat(dialog.findElement(By.cssSelector(".notice")).getText()).contains("我们如何收集和使用您的个人信息");
                assertThat(dialog.findElement(By.cssSelector(".meta")).getText()).contains("2026-01");
                // nothing is ticked in advance (consent is not presumed), and the sensitive purpose is not among the boxes
                assertThat(dialog.findElements(By.cssSelector("input[type=checkbox]"))).hasSize(2)
                        .allSatisfy(box -> assertThat(box.isSelected()).isFalse());
                b.screenshot("sdk-dialog");
                b.assertAccessible();

                // the keyboard stays in the dialog: Tab from the last button comes back to the first control
                WebElement marketing = dialog.findElement(By.cssSelector("#opencpm-p-marketing-sms"));
                if (viewport.equals("desktop")) {
                    marketing.sendKeys(Keys.SPACE);
                    for (int i = 0; i < 8; i++) {
                        new Actions(b.driver()).sendKeys(Keys.TAB).perform();
                        assertThat(b.script("return document.activeElement && document.activeElement.matches('[data-opencpm]')"))
                                .as("focus stays in the dialog after %d tabs", i + 1).isEqualTo(true);
                    }
                } else {
                    marketing.click();
                }
                assertThat(marketing.isSelected()).isTrue();
                dialog.findElement(By.cssSelector("[data-opencpm-action=selected]")).click();

                // then a dialog of its own for the purpose that needs separate consent (PIPL Art. 29)
                waitFor(b, () -> dialog.findElement(By.cssSelector("h2")).getText().contains(text.get("separate")));
                waitFor(b, () -> dialog.findElement(By.cssSelector("h2")).getText().contains(lang.equals("en") ? "Health advice" : "健康建议"));
                b.screenshot("sdk-separate-dialog");
                b.assertAccessible();
                WebElement agree = dialog.findElement(By.cssSelector("[data-opencpm-action=grant]"));
                assertThat(agree.getText()).isEqualTo(text.get("agree"));
                agree.click();

                // the page hears the change, without any read of the person's state from the server
                b.waitText(By.id("choice-health-advice"), "granted");
                waitFor(b, () -> b.script("return window.brandChoices && Object.keys(window.brandChoices).length") != null);
                assertThat(b.text(By.id("choices"))).contains("marketing-sms: granted", "analytics: denied", "health-advice: granted");
                assertThat(b.find(By.tagName("body")).findElements(By.cssSelector("[data-opencpm]"))).isEmpty();
                b.screenshot("sdk-recorded");
                b.assertAccessible();
            }

            // on the server, as the brand's systems see it
            String subject = faces.subjectOf("member_id", member);
            assertThat(subject).isNotNull();
            JsonObject consents = faces.consents(subject);
            assertThat(consents.getJsonObject("marketing-sms").getString("state")).isEqualTo("granted");
            assertThat(consents.getJsonObject("marketing-sms").getString("channel")).isEqualTo("web");
            assertThat(consents.getJsonObject("marketing-sms").getString("method")).isEqualTo("checkbox");
            assertThat(consents.getJsonObject("analytics").getString("state")).isEqualTo("denied");
            assertThat(consents.getJsonObject("health-advice").getString("state")).isEqualTo("granted");
            assertThat(consents.getJsonObject("health-advice").getString("method")).isEqualTo("button");
            String export = ok(server.get("/api/v1/subjects/" + subject + "/export", ADMIN_KEY)).body();
            assertThat(export).contains("\"ip\":\"127.0.0.1\"").contains(viewport.equals("phone") ? "MicroMessenger" : "Chrome/");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, en", "phone, zh-CN"})
    void the_example_page_on_opencpms_own_origin_records_accept_all_and_a_refused_separate_consent(String viewport, String lang)
            throws Exception {
        String member = "m-" + UUID.randomUUID();
        String key = faces.key("example page", "collector", api);
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            b.open(api + "/sdk/example.html?version=" + ConsentFaces.NOTICE_VERSION + "&lang=" + lang);
            b.screenshot("sdk-example");
            b.assertAccessible();
            b.type(By.id("ex-key"), key).type(By.id("ex-member"), member).click(By.cssSelector("#example button[type=submit]"));
            SearchContext dialog = dialog(b);
            waitFor(b, () -> dialog.findElement(By.cssSelector("[data-opencpm-action=all]")).isDisplayed());
            dialog.findElement(By.cssSelector("[data-opencpm-action=all]")).click();
            waitFor(b, () -> dialog.findElement(By.cssSelector("[data-opencpm-action=deny]")).isDisplayed());
            dialog.findElement(By.cssSelector("[data-opencpm-action=deny]")).click();
            b.waitText(By.id("ex-choices"), "health-advice: denied");
            assertThat(b.text(By.id("ex-choices"))).contains("marketing-sms: granted", "analytics: granted");
            b.screenshot("sdk-example-recorded");
            b.assertAccessible();
            // nothing of the key is kept by the page
            assertThat((String) b.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).doesNotContain(key);
        }
        JsonObject consents = faces.consents(faces.subjectOf("member_id", member));
        assertThat(consents.getJsonObject("marketing-sms").getString("method")).isEqualTo("button");
        assertThat(consents.getJsonObject("analytics").getString("state")).isEqualTo("granted");
        assertThat(consents.getJsonObject("health-advice").getString("state")).isEqualTo("denied");
    }

    @Test
    void the_same_page_on_an_origin_the_key_is_not_for_gets_no_dialog_and_records_nothing() throws Exception {
        String member = "m-" + UUID.randomUUID();
        try (Browser b = Browser.desktop("en")) {
            try (BrandSite brand = BrandSite.start(api, member, "en")) {
                brand.use(faces.key("another brand", "collector", "https://www.other-brand.example"));
                b.open(brand.origin + "/");
                waitFor(b, () -> b.script("return window.brandError") != null);
                assertThat(b.driver().findElements(By.cssSelector("[data-opencpm]"))).isEmpty();
                b.screenshot("sdk-wrong-origin");
            }
        }
        assertThat(faces.subjectOf("member_id", member)).isNull();
        assertThat(faces.auditTrail()).doesNotContain(member);
    }

    private static SearchContext dialog(Browser b) {
        WebElement host = b.find(By.cssSelector("[data-opencpm]"));
        return host.getShadowRoot();
    }

    private static void waitFor(Browser b, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(15)).ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> Boolean.TRUE.equals(condition.get()));
    }

}
