package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.opencpm.distribution.web.Browser;

/**
 * The demo's simulators' page in a real Chromium, against {@code bin/opencpm demo} from the tarball:
 * in Chinese and English (the browser's language), on a desktop and a phone, it lists the sample
 * people and the calls the platforms received, with a screenshot and an axe-core check; a withdrawal
 * by API turns the person's Douyin column to "no" on the open page, and the page's own buttons (a
 * 退订 reply, a campaign) work.
 */
class DemoBrowserIT {

    @TempDir
    static Path work;
    private static RunningServer unpacked;
    private static RunningDemo demo;
    private static URI page;

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.of("title", "OpenCPM 演示：模拟平台", "liLei", "李雷", "tagged", "加入标签", "no", "否", "replied", "已回复",
                    "sent", "已发出"),
            "en", Map.of("title", "OpenCPM demo: simulated platforms", "liLei", "Li Lei", "tagged", "added to tag", "no", "no",
                    "replied", "replied", "sent", "sent"));

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        unpacked = RunningServer.unpack(work);
        demo = RunningDemo.start(unpacked, work.resolve("demo"), RunningServer.freePort()).awaitLinks();
        page = demo.page();
    }

    @AfterAll
    static void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"desktop, zh-CN", "desktop, en", "phone, zh-CN", "phone, en"})
    @DisplayName("The simulators' page lists the sample people and the calls received, in the browser's language, accessibly")
    void the_page_shows_people_and_calls(String viewport, String lang) {
        Map<String, String> text = TEXT.get(lang);
        try (Browser b = Browser.of(viewport.equals("phone") ? Browser.PHONE : Browser.DESKTOP, lang)) {
            b.open(page.toString());
            b.waitText(By.tagName("h1"), text.get("title"));
            assertThat(b.script("return document.documentElement.lang")).isEqualTo(lang);
            b.waitText(By.cssSelector("#people tr[data-person='li-lei']"), text.get("liLei"));
            b.waitText(By.cssSelector("#calls tr[data-kind='tag.add']"), text.get("tagged"));
            // Every build has the console, the SDK's example page and preference links: the page links all three.
            assertThat(b.script("return ['preferenceCentre', 'console', 'sdk'].map(function (k) {"
                    + " var a = document.getElementById('link-' + k); return !a.parentNode.hidden && a.href.startsWith('http://127.0.0.1:'); })"))
                    .isEqualTo(List.of(true, true, true));
            b.screenshot("simulators");
            b.assertAccessible();
        }
    }

    @Test
    @DisplayName("On the open page: a withdrawal by API shows at Douyin, a 退订 reply is recorded, a campaign is sent")
    void the_open_page_follows_a_withdrawal() {
        Map<String, String> text = TEXT.get("en");
        try (Browser b = Browser.desktop("en")) {
            b.open(page.toString());
            b.waitText(By.cssSelector("#people tr[data-person='wang-fang'] td[data-state='audience']"), "yes");
            HttpResponse<String> withdrawn = unpacked.post("/api/v1/consents", demo.adminKey(), Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800000003'}]}, 'purpose': 'marketing-ads',
                      'action': 'withdraw', 'channel': 'web', 'method': 'toggle' }"""));
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
            b.waitText(By.cssSelector("#people tr[data-person='wang-fang'] td[data-state='audience']"), text.get("no"));
            b.waitText(By.cssSelector("#calls tr[data-kind='dmp.delete']"), "Wang Fang");
            b.click(By.cssSelector("#people tr[data-person='chen-jing'] button"));
            b.waitText(By.cssSelector("#people tr[data-person='chen-jing'] button"), text.get("replied"));
            b.click(By.id("campaign"));
            b.waitText(By.id("campaign-result"), text.get("sent"));
            b.waitText(By.cssSelector("#calls tr[data-kind='smsup.push']"), "Chen Jing");
            b.screenshot("simulators-after-withdrawal");
            b.assertAccessible();
        }
    }
}
