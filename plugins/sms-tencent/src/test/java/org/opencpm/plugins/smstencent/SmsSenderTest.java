package org.opencpm.plugins.smstencent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;

/**
 * The send gateway as the host runs it ({@link ConnectorHarness#sender()}: the plugin's class
 * loader, reasons scrubbed) against a Tencent Cloud stub that checks every request's TC3 signature
 * ({@link TencentCloudStub}), the host's clock pinned.
 */
class SmsSenderTest {

    static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3TEST";
    static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3s3cr3t";
    static final String TOKEN = "reply-token-7c1e5b2a9f04d6b38e51c0a7";
    static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    static final String PHONE = "+8618501234444";

    /**
     * Example 1 (发送短信成功示例) of SendSms 2021-01-11 as Tencent publishes it with its API reference
     * (TencentCloud/tencentcloud-cli, tccli/examples/sms/v20210111/SendSms.md; the API page is
     * https://www.tencentcloud.com/document/api/382/40536), for its first number. Example 2 (发送短信失败示例,
     * FailedOperation.TemplateParamSetNotMatchApprovedTemplate) is in {@link #a_template_mismatch_is_refused}.
     */
    static final String DOCUMENTED_SUCCESS = """
            {
                "Response": {
                    "SendStatusSet": [
                        {
                            "SerialNo": "5000:1045710669157053657849499619",
                            "PhoneNumber": "+8618501234444",
                            "Fee": 1,
                            "SessionContext": "outsid_1729495320_1011",
                            "Code": "Ok",
                            "Message": "send success",
                            "IsoCode": "CN"
                        }
                    ],
                    "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279"
                }
            }""";

    private final List<ConnectorHarness> harnesses = new ArrayList<>();
    private WireMockServer platform;

    @AfterEach
    void stop() {
        for (ConnectorHarness harness : harnesses) {
            try (harness) {
                assertThat(harness.leaks(Set.of(SECRET_KEY, TOKEN, "not-the-key"))).as("a secret in a log line").isFalse();
            }
        }
    }

    /** The connector's sender under the host, on a clock pinned at {@code hostNow}; {@link #platform} is its Tencent. */
    private MessageSender sender(Map<String, String> overrides, Instant hostNow) {
        Map<String, String> config = new HashMap<>(ReplyInboxTest.config());
        config.putAll(overrides);
        ConnectorHarness.Builder builder = ConnectorHarness.of(new SmsTencentConnector()).clock(Clock.fixed(hostNow, ZoneOffset.UTC));
        config.forEach(builder::config);
        ConnectorHarness harness = builder.start();
        harnesses.add(harness);
        platform = harness.platform();
        return harness.sender().orElseThrow();
    }

    private MessageSender sender() {
        return sender(Map.of(), NOW);
    }

    private static OutgoingMessage message(String permitId, String phone, Optional<String> template, Map<String, String> parameters) {
        return new OutgoingMessage(permitId, SubjectIdentifier.of(IdentifierType.PHONE, phone), "marketing-sms", Optional.of("promotions"),
                template, parameters);
    }

    private void answer(ResponseDefinitionBuilder answer) {
        TencentCloudStub.stubSendSms(platform, SECRET_ID, SECRET_KEY, NOW, answer);
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = platform.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String errorAnswer(String code, String message) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},\"RequestId\":\"r-1\"}}";
    }

    private static String statusAnswer(String code, String message) {
        return "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"" + PHONE + "\",\"Fee\":0,\"SessionContext\":\"\","
                + "\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"IsoCode\":\"\"}],\"RequestId\":\"r-2\"}}";
    }

    @Test
    @DisplayName("A permitted message goes out as SendSms 2021-01-11, signed TC3-HMAC-SHA256 at the host's time, the permit id as SessionContext; Tencent's SerialNo is the receipt")
    void a_permitted_message_is_sent_signed() {
        MessageSender sender = sender();
        answer(okJson(DOCUMENTED_SUCCESS));
        SendReceipt receipt = sender.send(message("pmt_01HZX", PHONE, Optional.empty(), Map.of("1", "4370", "2", "5")));

        assertThat(receipt).isEqualTo(SendReceipt.accepted("5000:1045710669157053657849499619"));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("X-TC-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        // Jetty shows the charset upper-case; the signature check lower-cases it, as Tencent does.
        assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
        assertThat(request.getHeader("Authorization")).startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2026-11-29/sms/tc3_request, "
                + "SignedHeaders=content-type;host;x-tc-action, Signature=");
        JsonObject body = Json.createReader(new StringReader(request.getBodyAsString())).readObject();
        assertThat(body.getJsonArray("PhoneNumberSet").getString(0)).isEqualTo(PHONE);
        assertThat(body.getString("SmsSdkAppId")).isEqualTo("1400006666");
        assertThat(body.getString("SignName")).isEqualTo("腾讯云");
        assertThat(body.getString("TemplateId")).isEqualTo("1110");
        assertThat(body.getJsonArray("TemplateParamSet").getValuesAs(JsonString::getString)).containsExactly("4370", "5");
        assertThat(body.getString("SessionContext")).isEqualTo("pmt_01HZX");
    }

    @Test
    @DisplayName("The caller's template replaces the configured one; without parameters the set is empty")
    void the_callers_template_wins() {
        MessageSender sender = sender();
        answer(okJson(DOCUMENTED_SUCCESS));
        assertThat(sender.send(message("pmt_2", PHONE, Optional.of("2020"), Map.of()))).isInstanceOf(SendReceipt.Accepted.class);
        JsonObject body = Json.createReader(new StringReader(onlyRequest().getBodyAsString())).readObject();
        assertThat(body.getString("TemplateId")).isEqualTo("2020");
        assertThat(body.getJsonArray("TemplateParamSet")).isEmpty();
    }

    @Test
    @DisplayName("A wrong SecretKey (AuthFailure.SignatureFailure) is refused, not unavailable: a retry would spend another budget unit; the reason says to check the keys, the key in no reason")
    void a_wrong_key_fails_the_signature_check() {
        MessageSender sender = sender(Map.of("secretKey", "not-the-key"), NOW);
        answer(okJson(DOCUMENTED_SUCCESS));
        SendReceipt receipt = sender.send(message("pmt_3", PHONE, Optional.empty(), Map.of()));
        assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class, r -> {
            assertThat(r.platformCode()).isEqualTo("AuthFailure.SignatureFailure");
            assertThat(r.reason()).contains("AuthFailure.SignatureFailure", "secretId", "secretKey", "clock").doesNotContain("not-the-key");
        });
    }

    @Test
    @DisplayName("A host clock more than five minutes off (AuthFailure.SignatureExpire) is refused, the reason naming the clock")
    void a_skewed_clock_is_refused_by_the_platform() {
        MessageSender sender = sender(Map.of(), NOW.plus(Duration.ofMinutes(6)));
        answer(okJson(DOCUMENTED_SUCCESS));
        assertThat(sender.send(message("pmt_4", PHONE, Optional.empty(), Map.of()))).isInstanceOfSatisfying(SendReceipt.Refused.class,
                r -> assertThat(r.reason()).contains("AuthFailure.SignatureExpire", "clock"));
    }

    /** Review finding: every send takes a permit (a unit of the person's frequency budget); "unavailable" invites another. */
    @Test
    @DisplayName("Every AuthFailure.* (unknown SecretId, wrong signature, key not allowed) is refused, never 'unavailable, try again': each retry would burn a budget unit")
    void every_auth_failure_is_refused() {
        MessageSender sender = sender();
        int n = 0;
        for (String code : List.of("AuthFailure.SecretIdNotFound", "AuthFailure.SignatureFailure", "AuthFailure.UnauthorizedOperation")) {
            platform.resetAll();
            answer(okJson(errorAnswer(code, "refused")));
            assertThat(sender.send(message("pmt_a" + n++, PHONE, Optional.empty(), Map.of()))).as(code)
                    .isInstanceOfSatisfying(SendReceipt.Refused.class, r -> assertThat(r.platformCode()).isEqualTo(code));
        }
    }

    @Test
    @DisplayName("Example 2 of the SendSms docs (parameters not matching the template) is refused for good, with Tencent's code")
    void a_template_mismatch_is_refused() {
        MessageSender sender = sender();
        answer(okJson(statusAnswer("FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
                "request content does not match the template content")));
        assertThat(sender.send(message("pmt_5", PHONE, Optional.empty(), Map.of("1", "4370", "2", "5"))))
                .isEqualTo(SendReceipt.refused("FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
                        "Tencent Cloud SMS FailedOperation.TemplateParamSetNotMatchApprovedTemplate: request content does not match the template content"));
    }

    @Test
    @DisplayName("Tencent's codes map to receipts: frequency limits and internal errors are 'later' (30 s, 1 h where known), bad values 'never'; the number never in a reason")
    void codes_map_to_receipts() {
        Map<String, SendReceipt> expected = Map.of(
                statusAnswer("LimitExceeded.PhoneNumberThirtySecondLimit", "too often"),
                SendReceipt.unavailable("Tencent Cloud SMS LimitExceeded.PhoneNumberThirtySecondLimit: too often", Optional.of(Duration.ofSeconds(30))),
                statusAnswer("LimitExceeded.PhoneNumberOneHourLimit", "too often"),
                SendReceipt.unavailable("Tencent Cloud SMS LimitExceeded.PhoneNumberOneHourLimit: too often", Optional.of(Duration.ofHours(1))),
                statusAnswer("LimitExceeded.PhoneNumberDailyLimit", "daily"),
                SendReceipt.unavailable("Tencent Cloud SMS LimitExceeded.PhoneNumberDailyLimit: daily", Optional.empty()),
                errorAnswer("InternalError.Timeout", "timeout"),
                SendReceipt.unavailable("Tencent Cloud SMS InternalError.Timeout: timeout", Optional.empty()),
                errorAnswer("RequestLimitExceeded", "slow down"),
                SendReceipt.unavailable("Tencent Cloud SMS RequestLimitExceeded: slow down", Optional.empty()),
                statusAnswer("InvalidParameterValue.IncorrectPhoneNumber", "invalid phone " + PHONE + " (18501234444)"),
                SendReceipt.refused("InvalidParameterValue.IncorrectPhoneNumber",
                        "Tencent Cloud SMS InvalidParameterValue.IncorrectPhoneNumber: invalid phone *** (***)"),
                statusAnswer("FailedOperation.PhoneNumberInBlacklist", "in blacklist"),
                SendReceipt.refused("FailedOperation.PhoneNumberInBlacklist", "Tencent Cloud SMS FailedOperation.PhoneNumberInBlacklist: in blacklist"),
                errorAnswer("UnauthorizedOperation.SmsSdkAppIdVerifyFail", "app id"),
                SendReceipt.refused("UnauthorizedOperation.SmsSdkAppIdVerifyFail", "Tencent Cloud SMS UnauthorizedOperation.SmsSdkAppIdVerifyFail: app id"));
        MessageSender sender = sender();
        int n = 0;
        for (Map.Entry<String, SendReceipt> answer : expected.entrySet()) {
            platform.resetAll();
            answer(okJson(answer.getKey()));
            assertThat(sender.send(message("pmt_c" + n++, PHONE, Optional.empty(), Map.of()))).as(answer.getKey()).isEqualTo(answer.getValue());
        }
    }

    @Test
    @DisplayName("An HTTP 503 with Retry-After, an unreadable answer and a timeout are 'unavailable'; sends wait no longer than timeoutMillis")
    void failures_of_the_platform_are_unavailable() {
        MessageSender sender = sender();
        answer(aResponse().withStatus(503).withHeader("Retry-After", "7"));
        assertThat(sender.send(message("pmt_6", PHONE, Optional.empty(), Map.of())))
                .isEqualTo(SendReceipt.unavailable("Tencent Cloud answered HTTP 503", Optional.of(Duration.ofSeconds(7))));

        platform.resetAll();
        answer(aResponse().withStatus(200).withBody("<html>gateway</html>"));
        assertThat(sender.send(message("pmt_7", PHONE, Optional.empty(), Map.of()))).isInstanceOf(SendReceipt.Unavailable.class);

        MessageSender impatient = sender(Map.of("timeoutMillis", "1000"), NOW);
        answer(okJson(DOCUMENTED_SUCCESS).withFixedDelay(5_000));
        long started = System.nanoTime();
        SendReceipt late = impatient.send(message("pmt_8", PHONE, Optional.empty(), Map.of()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4_000));
        assertThat(late).isInstanceOfSatisfying(SendReceipt.Unavailable.class, r -> assertThat(r.reason()).contains("1000 ms"));
    }

    @Test
    @DisplayName("What Tencent could not take is refused before any request: parameters not named 1…n, no template")
    void impossible_messages_are_refused_without_a_request() {
        MessageSender sender = sender(Map.of("templateId", ""), NOW);
        answer(okJson(DOCUMENTED_SUCCESS));
        assertThat(sender.send(message("pmt_12", PHONE, Optional.of("1110"), Map.of("code", "1234"))))
                .isInstanceOfSatisfying(SendReceipt.Refused.class, r -> assertThat(r.platformCode()).isEqualTo("template-parameters-not-positional"));
        assertThat(sender.send(message("pmt_13", PHONE, Optional.of("1110"), Map.of("1", "a", "3", "c")))).isInstanceOf(SendReceipt.Refused.class);
        assertThat(sender.send(message("pmt_14", PHONE, Optional.empty(), Map.of())))
                .isInstanceOfSatisfying(SendReceipt.Refused.class, r -> assertThat(r.platformCode()).isEqualTo("template-missing"));
        platform.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    @DisplayName("A recipient that is no E.164 phone (the host normalises phones first; this is the plugin's own guard) is refused before any request, the value in no reason")
    void a_recipient_that_is_no_phone_is_refused_by_the_plugin_itself() {
        MessageSender sender = new SmsSender(SmsTencentSettings.of(ConnectorConfig.of(Map.of("baseUrl", "http://127.0.0.1:9", "secretId",
                SECRET_ID, "secretKey", SECRET_KEY, "sdkAppId", "1400006666", "signName", "腾讯云", "templateId", "1110", "inboundToken", TOKEN,
                "purposes", "marketing-sms"))), Clock.fixed(NOW, ZoneOffset.UTC));
        for (String notAPhone : List.of("18501234444", "+86185012344", "+8628501234444", "not-a-number")) {
            assertThat(sender.send(message("pmt_9", notAPhone, Optional.empty(), Map.of()))).as(notAPhone)
                    .isInstanceOfSatisfying(SendReceipt.Refused.class, r -> assertThat(r.reason()).doesNotContain(notAPhone));
        }
        assertThat(sender.send(new OutgoingMessage("pmt_11", SubjectIdentifier.of(IdentifierType.EMAIL, "li@example.com"), "marketing-sms",
                Optional.empty(), Optional.empty(), Map.of()))).isInstanceOf(SendReceipt.Refused.class);
    }

    @Test
    @DisplayName("An international number goes out in E.164 as given")
    void an_international_number_goes_as_e164() {
        MessageSender sender = sender();
        answer(okJson(DOCUMENTED_SUCCESS));
        assertThat(sender.send(message("pmt_15", "+60198890000", Optional.empty(), Map.of()))).isInstanceOf(SendReceipt.Accepted.class);
        JsonObject body = Json.createReader(new StringReader(onlyRequest().getBodyAsString())).readObject();
        assertThat(body.getJsonArray("PhoneNumberSet").getString(0)).isEqualTo("+60198890000");
    }
}
