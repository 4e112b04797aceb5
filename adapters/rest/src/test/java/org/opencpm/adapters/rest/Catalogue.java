package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import java.time.Duration;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * The purposes and notice the API stories use, defined through the API itself (idempotently). The
 * privacy policy says it was published a month before the test clock starts, so a story may date
 * a consent to it in the past without moving the shared clock (a grant before its notice is refused).
 */
final class Catalogue {

    private Catalogue() {
    }

    static void define(Api admin) {
        assertThat(admin.put("api/v1/purposes/marketing-sms", json("""
                { 'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'description': '新品和促销短信',
                  'category': 'marketing', 'legalBasis': 'consent', 'necessary': false, 'sensitive': false,
                  'separateConsent': false, 'crossBorder': false, 'dataElements': ['phone'],
                  'recipients': [], 'retentionDays': 365, 'validityDays': 730 }""")).status()).isIn(200, 201);
        assertThat(admin.put("api/v1/purposes/health-advice", json("""
                { 'name': {'zh': '健康建议'}, 'category': 'service', 'legalBasis': 'consent', 'sensitive': true,
                  'dataElements': ['health'] }""")).status()).isIn(200, 201);
        assertThat(admin.put("api/v1/purposes/order-delivery", json("""
                { 'name': {'zh': '订单配送'}, 'category': 'service', 'legalBasis': 'contract', 'necessary': true,
                  'dataElements': ['phone', 'address'] }""")).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': 'privacy-policy', 'version': '2026-01', 'language': 'zh-CN', 'title': '隐私政策',
                  'content': '我们如何收集和使用您的个人信息……', 'purposes': ['marketing-sms', 'health-advice'],
                  'material': true, 'publishedAt': '%s' }""".formatted(InMemoryOpenCpm.START.minus(Duration.ofDays(31))))).status())
                .isIn(200, 201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': 'sms-terms', 'version': '1', 'language': 'zh-CN', 'title': '短信条款',
                  'content': '营销短信条款', 'purposes': ['marketing-sms'] }""")).status()).isIn(200, 201);
    }

    static String grant(String phone, String purposes) {
        return json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]},
                  %s, 'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'},
                  'channel': 'miniprogram', 'method': 'checkbox',
                  'evidence': {'ip': '203.0.113.9', 'userAgent': 'MicroMessenger/8.0'} }""".formatted(phone, purposes));
    }
}
