package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.opencpm.distribution.web.Browser;

/**
 * Entering the preference centre with an SMS code in a real Chromium, the code sent by the bundled
 * {@code sms-aliyun} connector to a stand-in of Alibaba Cloud's SendSms (ADR 0022): a known phone gets a
 * code and the code opens the page; a wrong code gets a clear message; an unknown phone is told the
 * same as a known one and no SMS leaves.
 */
class SmsSignInBrowserIT {

    private static final String ADMIN = "sms-sign-in-admin-key-0123456789abcdef";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([0-9]{6})\"");

    @TempDir
    static Path work;
    private static ChannelPlatforms platforms;
    private static RunningServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        platforms = new ChannelPlatforms();
        server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_PREFERENCE_CENTER_SMS_CONNECTOR", "sms-aliyun")
                .withEnv("OPENCPM_PREFERENCE_CENTER_SMS_TEMPLATE", "SMS_777000111");
        platforms.configure(server, "marketing-sms");
        server.start();
        base = "http://127.0.0.1:" + server.port;
        DistributionIT.defineCatalogue(server, ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (platforms != null) {
            platforms.close();
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("none", "需要专属链接", "title", "我的隐私设置", "wrong", "验证码错误", "granted", "已同意"),
            "en", Map.of("none", "A personal link is needed", "title", "My privacy settings", "wrong", "The code is wrong",
                    "granted", "Consented"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "phone, en"})
    void a_code_by_sms_opens_the_preference_centre(String viewport, String lang) {
        Map<String, String> text = TEXT.get(lang);
        String phone = viewport.equals("phone") ? "13700137001" : "13700137002";
        HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(phone)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            b.open(base + "/preference-center/");
            b.waitText(By.id("problem-title"), text.get("none"));
            b.waitVisible(By.id("sms"));

            // an unknown phone: the same next step, and nothing is sent
            int before = sent().size();
            b.type(By.id("sms-phone"), "13700137999").click(By.cssSelector("#sms-ask button[type=submit]"));
            b.waitVisible(By.id("sms-code"));
            assertThat(sent()).hasSize(before);

            // the person's phone: a code by SMS; a wrong one is refused clearly, the right one opens the page
            b.type(By.id("sms-phone"), phone).click(By.cssSelector("#sms-ask button[type=submit]"));
            String code = await().atMost(Duration.ofSeconds(20)).until(() -> codeSentTo(phone), c -> c != null);
            b.type(By.id("sms-code"), code.equals("000000") ? "000001" : "000000").click(By.cssSelector("#sms-verify button[type=submit]"));
            b.waitText(By.id("sms-error"), text.get("wrong"));
            b.screenshot("sms-wrong-code");
            b.assertAccessible();
            b.type(By.id("sms-code"), code).click(By.cssSelector("#sms-verify button[type=submit]"));
            b.waitVisible(By.id("centre"));
            b.waitText(By.id("centre-title"), text.get("title"));
            b.waitText(By.cssSelector("[data-purpose='marketing-sms'] .state"), text.get("granted"));
            assertThat((String) b.script("return document.documentElement.outerHTML")).doesNotContain(phone).doesNotContain(code);
            b.screenshot("sms-signed-in");
            b.assertAccessible();
        }
        assertThat(server.logText()).doesNotContain(phone);
    }

    private static List<LoggedRequest> sent() {
        return ChannelPlatforms.requests(platforms.aliyun, "/");
    }

    private static String codeSentTo(String phone) {
        for (LoggedRequest r : sent().reversed()) {
            if (r.queryParameter("PhoneNumbers").isPresent() && r.queryParameter("PhoneNumbers").firstValue().endsWith(phone)
                    && r.queryParameter("TemplateCode").firstValue().equals("SMS_777000111")) {
                Matcher m = CODE.matcher(r.queryParameter("TemplateParam").firstValue());
                return m.find() ? m.group(1) : null;
            }
        }
        return null;
    }
}
