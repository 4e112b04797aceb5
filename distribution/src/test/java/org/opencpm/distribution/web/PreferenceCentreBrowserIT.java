package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.distribution.RunningServer.ok;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.opencpm.adapters.vault.SelfTokenKey;
import org.opencpm.application.selfservice.SelfTokens;
import org.opencpm.distribution.Json;
import org.opencpm.distribution.RunningServer;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * The preference centre in a real Chromium against the real distribution (issue 14): a brand's link
 * opens the person's page; withdrawing a purpose there flips {@code POST /api/v1/decisions} to not
 * allowed; asking for deletion shows the request on the page and in {@code GET /api/v1/rights-requests};
 * consenting again works by keyboard; a tampered, an expired and a missing link each get their clear
 * error page. Chinese and English, desktop and phone, a screenshot of each state, axe-core on each,
 * and no identifier of the person anywhere on the page.
 */
class PreferenceCentreBrowserIT {

    private static final String ADMIN = "preference-centre-admin-key-0123456789";
    /** The link key, configured, so the test can sign an expired link as the server would have. */
    private static final byte[] LINK_KEY = new byte[32];
    private static final AtomicInteger PHONES = new AtomicInteger(139_000);

    @TempDir
    static Path work;
    private static RunningServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        new SecureRandom().nextBytes(LINK_KEY);
        server = RunningServer.unpack(work);
        base = "http://127.0.0.1:" + server.port;
        server.withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).withEnv("OPENCPM_PUBLIC_URL", base + "/")
                .withEnv("OPENCPM_PREFERENCE_CENTER_TOKEN_KEY", Base64.getEncoder().encodeToString(LINK_KEY)).start();
        ok(server.put("/api/v1/purposes/marketing-sms", ADMIN, Json.of("""
                { 'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'description': '新品和促销短信', 'category': 'marketing',
                  'legalBasis': 'consent', 'dataElements': ['phone'], 'validityDays': 730 }""")));
        ok(server.put("/api/v1/purposes/account-security", ADMIN, Json.of("""
                { 'name': {'zh': '账户安全提醒', 'en': 'Account security alerts'}, 'category': 'service', 'legalBasis': 'consent',
                  'necessary': true, 'dataElements': ['phone'] }""")));
        ok(server.put("/api/v1/purposes/order-delivery", ADMIN, Json.of("""
                { 'name': {'zh': '订单配送', 'en': 'Order delivery'}, 'category': 'service', 'legalBasis': 'contract',
                  'necessary': true, 'dataElements': ['phone', 'address'] }""")));
        ok(server.post("/api/v1/notices", ADMIN, Json.of("""
                { 'code': 'privacy-policy', 'version': '2026-01', 'language': 'zh-CN', 'title': '隐私政策',
                  'content': '我们如何收集和使用您的个人信息：……<img src=x onerror=window.xss=1>', 'purposes': ['marketing-sms', 'account-security'],
                  'material': true }""")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("title", "我的隐私设置", "withdrawn", "已撤回", "granted", "已同意", "deletion", "删除我的数据",
                    "received", "已收到", "saved", "设置已保存", "invalid", "链接无效", "expired", "链接已过期", "none", "需要专属链接"),
            "en", Map.of("title", "My privacy settings", "withdrawn", "Withdrawn", "granted", "Consented", "deletion", "Deletion of my data",
                    "received", "Received", "saved", "Settings saved", "invalid", "This link is not valid", "expired", "This link has expired",
                    "none", "A personal link is needed"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    void withdraw_request_deletion_and_refuse_bad_links(String viewport, String lang) {
        Map<String, String> text = TEXT.get(lang);
        String phone = "1380" + String.format("%07d", PHONES.incrementAndGet());
        String subject = person(phone);
        String link = link(subject);
        assertThat(link).startsWith(base + "/preference-center/#t=pcl1.");
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            // the brand's link opens the person's page, and the token leaves the address bar at once
            b.open(link);
            b.waitVisible(By.id("centre"));
            b.waitText(By.id("centre-title"), text.get("title"));
            assertThat(b.script("return document.documentElement.lang")).isEqualTo(lang);
            assertThat((String) b.script("return location.href")).doesNotContain("#t=").doesNotContain("pcl1");
            // nor in any link on the page: the language links are built from the address
            assertThat((String) b.script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).join(' ')"))
                    .contains("lang=").doesNotContain("#t=").doesNotContain("pcl1");
            b.waitText(stateOf("marketing-sms"), text.get("granted"));
            assertThat(b.find(By.cssSelector("[data-purpose='order-delivery']")).findElements(By.tagName("button"))).isEmpty();
            assertThat(b.script("return typeof window.xss")).isEqualTo("undefined");
            assertNoIdentifier(b, phone, subject);
            b.screenshot("overview");
            b.assertAccessible();

            // one tap withdraws: the decision over the API flips at once
            assertThat(decide(phone, "marketing-sms")).isEqualTo("true/granted");
            b.click(By.cssSelector("[data-purpose='marketing-sms'] button[data-action='withdraw']"));
            b.waitText(stateOf("marketing-sms"), text.get("withdrawn"));
            assertThat(decide(phone, "marketing-sms")).isEqualTo("false/withdrawn");
            assertThat(decide(phone, "account-security")).isEqualTo("true/granted");
            b.screenshot("withdrawn");
            b.assertAccessible();

            // consent again, by keyboard alone
            b.find(By.cssSelector("[data-purpose='marketing-sms'] button[data-action='grant']")).sendKeys(Keys.ENTER);
            b.waitText(stateOf("marketing-sms"), text.get("granted"));
            assertThat(decide(phone, "marketing-sms")).isEqualTo("true/granted");

            // preferences: SMS off, a tighter e-mail cap, saved as the person's preferences for the API
            assertThat(b.find(By.id("topic-promotions")).isSelected()).isTrue();
            b.click(By.cssSelector("label[for='channel-sms']"));
            b.type(By.id("cap-email"), "2");
            b.click(By.cssSelector("#prefs button[type=submit]"));
            b.waitText(By.id("status"), text.get("saved"));
            JsonObject prefs = Json.parse(server.get("/api/v1/subjects/" + subject + "/preferences", ADMIN).body());
            assertThat(prefs.getJsonObject("channels").getJsonObject("sms").getBoolean("enabled")).isFalse();
            assertThat(prefs.getJsonObject("channels").getJsonObject("email").getInt("maxPerMonth")).isEqualTo(2);
            assertThat(prefs.getJsonObject("quietHours").getString("start")).isEqualTo("21:00");
            assertThat(decide(phone, "marketing-sms", "'channel': 'sms'")).isEqualTo("false/channel_disabled");

            // "withdraw all optional": the optional purpose goes, the necessary one stays
            b.click(By.id("withdraw-optional"));
            b.waitText(stateOf("marketing-sms"), text.get("withdrawn"));
            assertThat(b.text(stateOf("account-security"))).isEqualTo(text.get("granted"));
            assertThat(decide(phone, "marketing-sms")).isEqualTo("false/withdrawn");
            assertThat(decide(phone, "account-security")).isEqualTo("true/granted");

            // "delete my data": asked, confirmed, shown with its due date, and in the console's list
            b.click(By.id("ask-delete"));
            b.click(By.id("confirm-delete-yes"));
            b.waitText(By.id("requests-body"), text.get("deletion"));
            b.waitText(By.id("requests-body"), text.get("received"));
            assertThat(deletionRequested(subject)).isTrue();
            assertNoIdentifier(b, phone, subject);
            b.screenshot("deletion-requested");
            b.assertAccessible();

            // a tampered link: a clear error page, nothing of the person
            String token = link.substring(link.indexOf("#t=") + 3);
            String tampered = token.substring(0, 12) + (token.charAt(12) == 'A' ? 'B' : 'A') + token.substring(13);
            b.open(base + "/preference-center/?lang=" + lang + "#t=" + tampered);
            b.waitVisible(By.id("problem"));
            b.waitText(By.id("problem-title"), text.get("invalid"));
            assertThat(b.find(By.id("centre")).isDisplayed()).isFalse();
            b.screenshot("tampered-link");
            b.assertAccessible();

            // an expired link, signed with the server's key
            String expired = new SelfTokens(new SelfTokenKey(LINK_KEY)).issue(VerificationMethod.LINK, SubjectId.of(subject),
                    Instant.now().minusSeconds(60)).token();
            b.open(base + "/preference-center/?lang=" + lang + "#t=" + expired);
            b.waitText(By.id("problem-title"), text.get("expired"));
            b.screenshot("expired-link");
            b.assertAccessible();

            // no link at all (the tampered and expired ones were forgotten)
            b.open(base + "/preference-center/?lang=" + lang);
            b.waitText(By.id("problem-title"), text.get("none"));
        }
        assertThat(server.logText()).doesNotContain(phone).doesNotContain(link.substring(link.indexOf("pcl1.") + 5, link.length() - 44));
    }

    private static By stateOf(String purpose) {
        return By.cssSelector("[data-purpose='" + purpose + "'] .state");
    }

    private static void assertNoIdentifier(Browser b, String phone, String subject) {
        String page = (String) b.script("return document.documentElement.outerHTML");
        assertThat(page).doesNotContain(phone).doesNotContain(phone.substring(3)).doesNotContain(subject);
    }

    private static String person(String phone) {
        HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purposes': ['marketing-sms', 'account-security'],
                  'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                  'method': 'checkbox' }""".formatted(phone)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String subject = Json.parse(granted.body()).getString("subjectId");
        ok(server.put("/api/v1/subjects/" + subject + "/preferences", ADMIN, Json.of("""
                { 'topics': {'promotions': true, 'new-products': false}, 'channels': {'sms': {'enabled': true, 'maxPerMonth': 4}},
                  'quietHours': {'start': '21:00', 'end': '08:00', 'zone': 'Asia/Shanghai'} }""")));
        return subject;
    }

    private static String link(String subject) {
        HttpResponse<String> issued = server.post("/api/v1/subjects/" + subject + "/preference-links", ADMIN, "{\"ttlMinutes\": 30}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return Json.parse(issued.body()).getString("url");
    }

    private static String decide(String phone, String purpose) {
        return decide(phone, purpose, "");
    }

    private static String decide(String phone, String purpose, String more) {
        JsonObject decision = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s'%s }""".formatted(phone, purpose,
                more.isEmpty() ? "" : ", " + more))).body());
        return decision.getBoolean("allowed") + "/" + decision.getString("reason");
    }

    private static boolean deletionRequested(String subject) {
        HttpResponse<String> listed = server.get("/api/v1/rights-requests", ADMIN);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonArray requests;
        try (var reader = jakarta.json.Json.createReader(new StringReader(listed.body()))) {
            var value = reader.readValue();
            requests = value instanceof JsonArray array ? array : value.asJsonObject().getJsonArray("requests");
        }
        return requests.getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getString("subjectId").equals(subject)
                && r.getString("type").equals("deletion") && r.getString("channel").equals("preference_centre")
                && r.getJsonObject("verification").getString("method").equals("link"));
    }
}
