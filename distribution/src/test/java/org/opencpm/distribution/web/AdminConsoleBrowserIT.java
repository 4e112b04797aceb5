package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencpm.distribution.RunningServer.ok;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.opencpm.distribution.Json;
import org.opencpm.distribution.RunningServer;

/**
 * The admin console in a real Chromium against the real distribution: an admin defines a purpose
 * and publishes a notice, then a material version of it, and sees what changed and who must be
 * asked again; a deletion request made over the API shows in the rights requests with its due
 * date and is completed there; a person found by phone shows their history. An auditor gets the
 * same views read-only, an integrator only the sections its role may read. Every section is
 * screenshotted on a desktop and a phone, in Chinese and English, and passes axe-core.
 */
class AdminConsoleBrowserIT {

    private static final String ADMIN_KEY = "admin-console-admin-key-0123456789";
    private static final AtomicInteger PHONES = new AtomicInteger(13_700_000);
    private static final List<String> SECTIONS = List.of("dashboard", "purposes", "notices", "subjects", "rights", "connectors", "alerts",
            "audit", "report");

    @TempDir
    static Path work;
    private static RunningServer server;
    private static String base;
    private static String auditorKey;
    private static String integratorKey;
    private static String seededSubject;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY).start();
        base = "http://127.0.0.1:" + server.port;
        auditorKey = Json.parse(ok(server.post("/api/v1/api-keys", ADMIN_KEY, "{\"name\":\"console-auditor\",\"roles\":[\"auditor\"]}")).body()).getString("key");
        integratorKey = Json.parse(ok(server.post("/api/v1/api-keys", ADMIN_KEY, "{\"name\":\"console-crm\",\"roles\":[\"integrator\"]}")).body()).getString("key");
        // something in every section: a purpose, a notice changed materially, a consent on the old version, a rights request
        ok(server.put("/api/v1/purposes/marketing-sms", ADMIN_KEY, """
                {"name": {"zh": "营销短信", "en": "Marketing SMS"}, "category": "marketing", "legalBasis": "consent",
                 "dataElements": ["phone"], "validityDays": 730}"""));
        ok(server.post("/api/v1/notices", ADMIN_KEY, notice("privacy-policy", "2026-01", "我们收集手机号用于发送营销短信。", false, "marketing-sms")));
        seededSubject = Json.parse(ok(server.post("/api/v1/consents", ADMIN_KEY, grant(nextPhone(), "marketing-sms", "privacy-policy", "2026-01"))).body())
                .getString("subjectId");
        ok(server.post("/api/v1/notices", ADMIN_KEY, notice("privacy-policy", "2026-02",
                "我们收集手机号用于发送营销短信。\\n我们还将手机号提供给合作伙伴。", true, "marketing-sms")));
        ok(server.post("/api/v1/rights-requests", ADMIN_KEY, """
                {"subjectId": "%s", "type": "access", "channel": "api", "verification": {"method": "login"}}""".formatted(seededSubject)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("An admin defines a purpose, publishes a notice and a material change, completes a deletion request and finds a person")
    void an_admin_runs_the_console() {
        String purpose = "console-" + PHONES.incrementAndGet();
        String code = "console-policy-" + PHONES.incrementAndGet();
        try (Browser b = Browser.desktop("zh-CN")) {
            signIn(b, ADMIN_KEY);

            // a purpose, defined in the form
            b.open(base + "/admin/#/purposes");
            b.click(By.id("purpose-new"));
            b.type(By.id("purpose-code"), purpose).type(By.id("purpose-name-zh"), "控制台测试目的").type(By.id("purpose-name-en"), "Console test");
            new Select(b.find(By.id("purpose-category"))).selectByValue("marketing");
            b.type(By.id("purpose-elements"), "phone, email").type(By.id("purpose-validity"), "365");
            b.click(By.cssSelector("#purpose-form button[type=submit]"));
            b.waitText(By.id("purposes-table"), purpose);
            assertThat(Json.parse(ok(server.get("/api/v1/purposes/" + purpose, ADMIN_KEY)).body()).getInt("validityDays")).isEqualTo(365);

            // a first version of a notice covering it
            publish(b, code, "1", "第一条：我们收集您的手机号。\n第二条：用于发送新品信息。", purpose, false);
            b.waitText(By.id("notice-title"), code);
            b.waitText(By.cssSelector("#main"), "第一个版本");
            String phone = nextPhone();
            String subject = Json.parse(ok(server.post("/api/v1/consents", integratorKey, grant(phone, purpose, code, "1"))).body()).getString("subjectId");

            // a material change: the diff shows the line removed and the line added, and who must be asked again
            publish(b, code, "2", "第一条：我们收集您的手机号。\n第二条：用于发送新品信息和促销信息。\n第三条：向合作伙伴提供。", purpose, true);
            b.waitText(By.id("notice-title"), code + " · 版本 2");
            WebElement diff = b.waitVisible(By.id("notice-diff"));
            assertThat(diff.findElements(By.tagName("del"))).extracting(WebElement::getText).anyMatch(t -> t.contains("用于发送新品信息。"));
            assertThat(diff.findElements(By.tagName("ins"))).extracting(WebElement::getText)
                    .anyMatch(t -> t.contains("促销信息")).anyMatch(t -> t.contains("第三条"));
            b.waitText(By.id("reconsent-summary"), "1 人");
            assertThat(b.text(By.id("reconsent-subjects"))).contains(subject).doesNotContain(phone);
            b.screenshot("notice-diff-reconsent");
            b.assertAccessible();

            // a deletion request made over the API is listed with its due date and completed in the console
            JsonObject request = Json.parse(ok(server.post("/api/v1/rights-requests", integratorKey, """
                    {"subject": {"identifiers": [{"type": "phone", "value": "%s"}]}, "type": "deletion",
                     "channel": "preference_center", "verification": {"method": "link"}}""".formatted(phone))).body());
            String requestId = request.getString("requestId");
            b.open(base + "/admin/#/rights");
            By row = By.cssSelector("tr[data-request='" + requestId + "']");
            WebElement listed = b.waitVisible(row);
            assertThat(listed.getText()).contains("删除");
            assertThat(listed.findElement(By.cssSelector(".due time")).getAttribute("datetime")).isEqualTo(request.getString("dueAt"));
            b.screenshot("rights-open");
            b.click(By.cssSelector("button[data-action='complete'][data-request='" + requestId + "']"));
            b.type(By.id("rights-action-text"), "已删除全部数据");
            b.click(By.id("rights-action-submit"));
            b.waitText(By.id("rights-status"), requestId);
            b.waitHidden(row);
            assertThat(Json.parse(ok(server.get("/api/v1/rights-requests/" + requestId, ADMIN_KEY)).body()).getString("status")).isEqualTo("completed");
            b.open(base + "/admin/#/rights/closed");
            b.waitVisible(row);

            // the person, found by the phone typed into the form: consents and the history timeline
            b.open(base + "/admin/#/subjects");
            b.type(By.id("subject-value"), phone);
            b.click(By.cssSelector("#subject-search button[type=submit]"));
            b.waitText(By.id("subject-id"), subject);
            assertThat(b.text(By.id("subject-consents"))).contains(purpose).contains("已同意");
            List<WebElement> events = b.driver().findElements(By.cssSelector("#subject-history li"));
            assertThat(events).hasSizeGreaterThanOrEqualTo(3); // the grant, the request received, the request completed
            assertThat(events.get(0).getText()).contains("同意").contains(purpose);
            assertThat(b.driver().getCurrentUrl()).doesNotContain(phone);
            b.screenshot("subject-timeline");
            b.assertAccessible();

            // a bundled plugin disabled and enabled again from the connectors section
            b.open(base + "/admin/#/connectors");
            String plugin = b.waitVisible(By.cssSelector("#plugins-table button[data-plugin]")).getAttribute("data-plugin");
            String before = pluginState(plugin);
            By toggle = By.cssSelector("#plugins-table button[data-plugin='" + plugin + "']");
            b.click(toggle);
            b.waitText(By.id("connectors-status"), plugin);
            assertThat(pluginState(plugin)).isNotEqualTo(before);
            b.screenshot("plugin-toggled");
            b.click(toggle);
            await().atMost(Duration.ofSeconds(15)).until(() -> pluginState(plugin).equals(before));

            // the audit chain verifies from the console
            b.open(base + "/admin/#/audit");
            b.click(By.id("audit-verify"));
            b.waitText(By.id("audit-verify-status"), "审计链完整");
            b.click(By.id("audit-csv"));
            b.waitText(By.id("audit-export-status"), "已导出");

            // the compliance report, fetched with the session as HTML and as PDF
            b.open(base + "/admin/#/report");
            b.click(By.id("report-html"));
            b.waitText(By.id("report-status"), "报告已生成");
            b.click(By.id("report-pdf"));
            b.waitText(By.id("report-status"), "报告已生成");
        }
    }

    @Test
    @DisplayName("An auditor reads every section and can change nothing; an integrator sees only what its role may read")
    void views_follow_the_role() {
        try (Browser b = Browser.desktop("en")) {
            signIn(b, auditorKey);
            assertThat(navLinks(b)).containsExactlyElementsOf(SECTIONS);
            b.open(base + "/admin/#/purposes");
            b.waitVisible(By.id("purposes-table"));
            assertThat(b.driver().findElements(By.id("purpose-new"))).isEmpty();
            b.open(base + "/admin/#/notices");
            b.waitVisible(By.id("notices-table"));
            assertThat(b.driver().findElements(By.id("notice-form"))).isEmpty();
            b.open(base + "/admin/#/rights");
            b.waitVisible(By.id("rights-table"));
            assertThat(b.driver().findElements(By.cssSelector("button[data-action]"))).isEmpty();
            b.open(base + "/admin/#/connectors");
            b.waitVisible(By.id("plugins-table"));
            assertThat(b.driver().findElements(By.id("plugins-reload"))).isEmpty();
            b.click(By.id("signout"));
            b.waitVisible(By.id("signin"));

            signIn(b, integratorKey);
            assertThat(navLinks(b)).containsExactly("dashboard", "purposes", "notices", "subjects", "rights", "connectors");
            b.open(base + "/admin/#/rights");
            b.waitVisible(By.cssSelector("button[data-action='complete']"));
            b.open(base + "/admin/#/audit");
            b.waitText(By.id("page-title"), "No such section");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    void every_section_is_screenshotted_and_accessible(String viewport, String lang) {
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            signIn(b, ADMIN_KEY);
            for (String section : SECTIONS) {
                b.open(base + "/admin/#/" + section);
                b.waitVisible(By.cssSelector(".view-" + section));
                b.screenshot(section);
                b.assertAccessible();
            }
            b.open(base + "/admin/#/notices/privacy-policy/2026-02");
            b.waitVisible(By.id("notice-diff"));
            b.waitVisible(By.cssSelector("#reconsent-subjects a"));
            b.screenshot("notice-version");
            b.assertAccessible();
            b.open(base + "/admin/#/subjects/" + seededSubject);
            b.waitVisible(By.cssSelector("#subject-history li"));
            b.screenshot("subject");
            b.assertAccessible();
            b.open(base + "/admin/#/purposes/new");
            b.waitVisible(By.id("purpose-form"));
            b.screenshot("purpose-form");
            b.assertAccessible();
        }
    }

    private static String pluginState(String id) {
        return Json.parseArray(ok(server.get("/api/v1/plugins", ADMIN_KEY)).body()).stream()
                .map(JsonObject.class::cast).filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow().getString("state");
    }

    private void signIn(Browser b, String key) {
        b.open(base + "/admin/");
        b.type(By.id("signin-key"), key).click(By.cssSelector("#signin button[type=submit]"));
        b.waitVisible(By.id("session"));
        b.waitVisible(By.cssSelector("#console .view"));
    }

    private static List<String> navLinks(Browser b) {
        b.waitVisible(By.cssSelector("#console-nav-list a"));
        return b.driver().findElements(By.cssSelector("#console-nav-list a")).stream()
                .map(a -> a.getAttribute("href").replaceFirst(".*#/", "")).toList();
    }

    private static void publish(Browser b, String code, String version, String text, String purpose, boolean material) {
        b.open(base + "/admin/#/notices");
        b.type(By.id("notice-code"), code).type(By.id("notice-version"), version).type(By.id("notice-title"), "隐私政策");
        b.type(By.id("notice-content"), text);
        b.click(By.id("notice-purpose-" + purpose));
        if (material) {
            b.click(By.id("notice-material"));
        }
        b.click(By.cssSelector("#notice-form button[type=submit]"));
    }

    private static String nextPhone() {
        return "1" + (3_800_000_000L + PHONES.incrementAndGet());
    }

    private static String notice(String code, String version, String content, boolean material, String purpose) {
        return """
                {"code": "%s", "version": "%s", "language": "zh-CN", "title": "隐私政策", "content": "%s",
                 "purposes": ["%s"], "material": %s}""".formatted(code, version, content, purpose, material);
    }

    private static String grant(String phone, String purpose, String code, String version) {
        return """
                {"subject": {"identifiers": [{"type": "phone", "value": "%s"}]}, "purpose": "%s", "action": "grant",
                 "notice": {"code": "%s", "version": "%s"}, "channel": "web", "method": "checkbox",
                 "evidence": {"userAgent": "AdminConsoleBrowserIT"}}"""
                .formatted(phone, purpose, code, version);
    }
}
