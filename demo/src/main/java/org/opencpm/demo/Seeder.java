package org.opencpm.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills an empty demo OpenCPM through its public API, as a brand's integration would: the purposes
 * (three marketing ones, one per simulated platform; a sensitive one, PIPL Art. 28–29; a separate-consent
 * one for providing data to partners, Art. 23), a privacy notice version covering them (Art. 17), and
 * each sample person's grants, recorded with the notice they were given under.
 */
final class Seeder {

    static final String NOTICE_CODE = "privacy-policy";
    static final String NOTICE_VERSION = "2026-12";

    private final OpenCpmApi api;
    private final String wechatAppId;

    Seeder(OpenCpmApi api, String wechatAppId) {
        this.api = api;
        this.wechatAppId = wechatAppId;
    }

    /** Seeds the catalogue (again: PUT and a repeated notice are idempotent) and every person's grants; answers their subject ids. */
    Map<String, String> seed() {
        purpose(SamplePeople.MARKETING_SMS, "营销短信", "Marketing SMS", "marketing", false, false, "phone");
        purpose(SamplePeople.MARKETING_WECHAT, "微信模板消息", "WeChat template messages", "marketing", false, false, "wechat_openid");
        purpose(SamplePeople.MARKETING_ADS, "抖音广告人群", "Douyin ads audience", "marketing", false, false, "phone");
        purpose(SamplePeople.HEALTH, "健康档案（敏感个人信息）", "Health profile (sensitive personal information)", "personalization",
                true, true, "health");
        purpose(SamplePeople.PARTNERS, "向合作伙伴提供个人信息", "Sharing with partners", "sharing", false, true, "phone");
        JsonArrayBuilder covered = Json.createArrayBuilder();
        for (String code : new String[] {SamplePeople.MARKETING_SMS, SamplePeople.MARKETING_WECHAT, SamplePeople.MARKETING_ADS,
                SamplePeople.HEALTH, SamplePeople.PARTNERS}) {
            covered.add(code);
        }
        OpenCpmApi.Answer notice = api.post("/api/v1/notices", Json.createObjectBuilder().add("code", NOTICE_CODE)
                .add("version", NOTICE_VERSION).add("language", "zh-CN").add("title", "示例零售隐私政策")
                .add("content", "示例零售（演示）如何处理您的个人信息：营销短信、微信模板消息、抖音广告人群、健康档案（敏感个人信息，单独同意）、"
                        + "向合作伙伴提供（单独同意）。您可以随时在偏好中心撤回同意。")
                .add("purposes", covered).add("material", true).build());
        require(notice.ok() || notice.status() == 409, "publish the notice", notice);

        Map<String, String> subjects = new LinkedHashMap<>();
        for (SamplePeople.Person person : SamplePeople.ALL) {
            for (String purpose : person.grants()) {
                OpenCpmApi.Answer granted = api.post("/api/v1/consents", Json.createObjectBuilder()
                        .add("subject", person.subject(wechatAppId)).add("purpose", purpose).add("action", "grant")
                        .add("notice", Json.createObjectBuilder().add("code", NOTICE_CODE).add("version", NOTICE_VERSION))
                        .add("channel", person.channel()).add("method", "checkbox")
                        .add("idempotencyKey", "demo-seed-" + person.key() + "-" + purpose).build());
                require(granted.ok(), "record " + person.nameEn() + "'s consent to " + purpose, granted);
                subjects.put(person.key(), granted.json().getString("subjectId"));
            }
        }
        return subjects;
    }

    private void purpose(String code, String zh, String en, String category, boolean sensitive, boolean separate, String element) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", Json.createObjectBuilder().add("zh", zh).add("en", en))
                .add("category", category).add("legalBasis", "consent").add("necessary", false).add("sensitive", sensitive)
                .add("separateConsent", separate).add("dataElements", Json.createArrayBuilder().add(element))
                .add("retentionDays", 365).add("validityDays", 730);
        if (code.equals(SamplePeople.PARTNERS)) {
            body.add("recipients", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "示例物流有限公司（演示）")
                    .add("contact", "privacy@logistics.example.cn").add("country", "CN").add("processingMethod", "配送通知")));
        }
        OpenCpmApi.Answer answer = api.put("/api/v1/purposes/" + code, body.build());
        require(answer.ok(), "define purpose " + code, answer);
    }

    static void require(boolean ok, String what, OpenCpmApi.Answer answer) {
        if (!ok) {
            throw new IllegalStateException("could not " + what + ": HTTP " + answer.status() + " " + answer.text());
        }
    }
}
