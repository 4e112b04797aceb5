package org.opencpm.plugins.smsaliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.plugins.smsaliyun.Fixtures.message;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.ConnectorKit;

/**
 * The send gateway against a Dysmsapi stub that checks every request's signature from the secret
 * ({@link AliyunGateway}) and answers SignatureDoesNotMatch when it is wrong. The sender runs as the
 * host calls it once a send permit is granted ({@link ConnectorHarness#sender()}), on a host clock
 * that stands still (x-acs-date is exact); the harness captures every log line.
 */
class SendSmsSenderTest {

    private static final Clock HOST_CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @RegisterExtension
    static ConnectorKit kit = kit();

    private static final AliyunGateway GATEWAY = new AliyunGateway(Fixtures.KEY_ID, Fixtures.KEY_SECRET);

    private static ConnectorKit kit() {
        ConnectorKit kit = ConnectorKit.of(SmsAliyunConnector::new).clock(HOST_CLOCK);
        Fixtures.CONFIG.forEach(kit::config);
        return kit;
    }

    /** A harness of its own for a configuration that differs from the kit's by {@code changes} (an empty value removes the key). */
    private static ConnectorHarness harnessWith(Map<String, String> changes) {
        Map<String, String> config = new HashMap<>(Fixtures.CONFIG);
        config.putAll(changes);
        ConnectorHarness.Builder builder = ConnectorHarness.of(new SmsAliyunConnector()).clock(HOST_CLOCK);
        config.forEach((key, value) -> {
            if (!value.isEmpty()) {
                builder.config(key, value);
            }
        });
        return builder.start();
    }

    private static MessageSender sender(ConnectorHarness harness) {
        return harness.sender().orElseThrow(() -> new AssertionError("sms-aliyun offers no sender"));
    }

    @Test
    @DisplayName("A permitted message goes out as a signed SendSms: number without +86, signature, template, JSON parameters, OutId = permit id")
    void a_permitted_message_goes_out_as_a_signed_send_sms(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.ok("900619746936498440^0"));

        SendReceipt receipt = sender(harness).send(message("pmt_01JAXQ7Z9", "+8613800138000", Map.of("name", "李雷", "code", "1234")));

        assertThat(receipt).isEqualTo(SendReceipt.accepted("900619746936498440^0"));
        LoggedRequest request = harness.platform().findAll(postRequestedFor(urlPathEqualTo("/"))).get(0);
        assertThat(request.queryParameter("PhoneNumbers").firstValue()).isEqualTo("13800138000");
        assertThat(request.queryParameter("SignName").firstValue()).isEqualTo(Fixtures.SIGN_NAME);
        assertThat(request.queryParameter("TemplateCode").firstValue()).isEqualTo(Fixtures.TEMPLATE);
        assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("pmt_01JAXQ7Z9");
        JsonObject parameters = Json.createReader(new StringReader(request.queryParameter("TemplateParam").firstValue())).readObject();
        assertThat(parameters).containsOnlyKeys("name", "code");
        assertThat(parameters.getString("name")).isEqualTo("李雷");
        assertThat(request.getHeader("x-acs-action")).isEqualTo("SendSms");
        assertThat(request.getHeader("x-acs-version")).isEqualTo("2017-05-25");
        assertThat(request.getHeader("x-acs-date")).as("the host's clock, ISO 8601 UTC").isEqualTo("2026-12-04T08:30:15Z");
        assertThat(request.getHeader("x-acs-content-sha256")).isEqualTo(AliyunGateway.sha256(new byte[0]));
        assertThat(request.getHeader("Authorization")).startsWith("ACS3-HMAC-SHA256 Credential=" + Fixtures.KEY_ID
                + ",SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=");
        assertThat(GATEWAY.accepts(request)).isTrue();
    }

    @Test
    @DisplayName("A key the gateway does not know signs wrongly: Dysmsapi's SignatureDoesNotMatch comes back as a refusal, the secret in no reason")
    void a_wrong_secret_is_refused_as_signature_does_not_match() {
        SendReceipt receipt;
        try (ConnectorHarness rotated = harnessWith(Map.of(SmsAliyunConnector.ACCESS_KEY_SECRET, "an-old-rotated-secret"))) {
            GATEWAY.stubSendSms(rotated.platform(), AliyunGateway.ok("1^0"));
            receipt = sender(rotated).send(message("pmt_2", "+8613800138000", Map.of()));
        }

        assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class, refused -> {
            assertThat(refused.platformCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(refused.reason()).contains("B8A0D7C5-2F4E-4F10-9C3A-1E2D3C4B5A69").doesNotContain("an-old-rotated-secret");
        });
    }

    @Test
    @DisplayName("Every request carries a nonce of its own, and a template the caller chose overrides the configured one")
    void each_request_has_its_own_nonce_and_the_callers_template_wins(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.ok("2^0"));
        MessageSender sender = sender(harness);

        sender.send(message("pmt_a", "+8613800138000", Map.of()));
        sender.send(new OutgoingMessage("pmt_b", SubjectIdentifier.of(IdentifierType.PHONE, "+8613900139000"), "marketing-sms",
                Optional.empty(), Optional.of("SMS_46540123"), Map.of()));

        List<LoggedRequest> requests = harness.platform().findAll(postRequestedFor(urlPathEqualTo("/")));
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(GATEWAY.accepts(request)).isTrue());
        assertThat(requests).extracting(r -> r.getHeader("x-acs-signature-nonce")).doesNotHaveDuplicates();
        assertThat(requests.get(1).queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_46540123");
        assertThat(requests.get(0).queryParameter("TemplateParam").isPresent()).as("no parameters, no TemplateParam").isFalse();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", "refused"),
                Arguments.of(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)", "refused"),
                Arguments.of(200, "isv.SMS_SIGNATURE_ILLEGAL", "签名不合法(不存在或被拉黑)", "refused"),
                Arguments.of(200, "isv.TEMPLATE_MISSING_PARAMETERS", "模板缺少变量", "refused"),
                Arguments.of(200, "isv.BUSINESS_LIMIT_CONTROL", "触发号码天级流控Permits:10", "unavailable"),
                Arguments.of(200, "isv.DAY_LIMIT_CONTROL", "触发日发送限额", "unavailable"),
                Arguments.of(200, "isv.OUT_OF_SERVICE", "业务停机", "unavailable"),
                Arguments.of(400, "Throttling.User", "Request was denied due to user flow control.", "unavailable"),
                Arguments.of(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", "unavailable"),
                Arguments.of(500, "UnknownError", "The request processing has failed due to some unknown error.", "unavailable"),
                Arguments.of(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", "refused"),
                Arguments.of(200, "isv.SOMETHING_NEW", "an error code this plugin does not know", "refused"));
    }

    @ParameterizedTest(name = "HTTP {0} {1} → {3}")
    @MethodSource("answers")
    @DisplayName("Dysmsapi's error codes become refusals (sending again will not help) or unavailability (later may)")
    void error_codes_map_to_receipts(int status, String code, String message, String kind, ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.answer(status, code, message, null));

        SendReceipt receipt = sender(harness).send(message("pmt_c", "+8613800138000", Map.of()));

        switch (kind) {
            case "refused" -> assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class, r -> {
                assertThat(r.platformCode()).isEqualTo(code);
                assertThat(r.reason()).contains(code, message);
            });
            case "unavailable" -> assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Unavailable.class,
                    r -> assertThat(r.reason()).contains(code));
            default -> throw new IllegalArgumentException(kind);
        }
    }

    @Test
    @DisplayName("An answer that is no JSON: unavailable from a 5xx (a gateway's error page), refused otherwise (a baseUrl that is not Dysmsapi)")
    void an_answer_that_is_no_json(ConnectorHarness harness) {
        harness.platform().stubFor(AliyunGateway.sendSms().willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        assertThat(sender(harness).send(message("pmt_j1", "+8613800138000", Map.of()))).isInstanceOf(SendReceipt.Unavailable.class);
        harness.platform().resetAll();
        harness.platform().stubFor(AliyunGateway.sendSms().willReturn(aResponse().withStatus(200).withBody("<html>Welcome</html>")));
        assertThat(sender(harness).send(message("pmt_j2", "+8613800138000", Map.of()))).isInstanceOfSatisfying(SendReceipt.Refused.class,
                r -> assertThat(r.platformCode()).isEqualTo("HTTP 200"));
    }

    @Test
    @DisplayName("Throttling is retried after the Retry-After Dysmsapi gives, else after a second")
    void throttling_says_when_to_come_back(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.answer(429, "Throttling.Api", "Request was denied due to api flow control.", null)
                .withHeader("Retry-After", "7"));
        assertThat(sender(harness).send(message("pmt_t", "+8613800138000", Map.of())))
                .isEqualTo(SendReceipt.unavailable("Dysmsapi answered Throttling.Api: Request was denied due to api flow control."
                        + " [RequestId F655A8D5-B967-440B-8683-DAD6FF8DE990]", Optional.of(Duration.ofSeconds(7))));

        harness.platform().resetAll();
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.answer(400, "Throttling.User", "Request was denied due to user flow control.", null));
        assertThat(sender(harness).send(message("pmt_u", "+8613800138000", Map.of())))
                .isInstanceOfSatisfying(SendReceipt.Unavailable.class, r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(1)));
    }

    @Test
    @DisplayName("A number the platform quotes back never reaches the receipt's reason (the sender's own promise, not only the host's scrubbing)")
    void the_recipient_never_reaches_a_reason(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile 13800138000 (+8613800138000)", null));

        SendReceipt receipt = Fixtures.sender(harness.baseUrl()).send(message("pmt_m", "+8613800138000", Map.of()));

        assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class,
                r -> assertThat(r.reason()).doesNotContain("13800138000").contains("***"));
    }

    @Test
    @DisplayName("A platform that does not answer in time, or cannot be reached, leaves the message unavailable, never a thrown exception")
    void no_answer_in_time_or_no_connection_is_unavailable() throws Exception {
        SendReceipt late;
        try (ConnectorHarness slow = harnessWith(Map.of(SmsAliyunConnector.TIMEOUT_MILLIS, "200"))) {
            GATEWAY.stubSendSms(slow.platform(), AliyunGateway.ok("3^0").withFixedDelay(3_000));
            late = sender(slow).send(message("pmt_l", "+8613800138000", Map.of()));
        }
        assertThat(late).isInstanceOfSatisfying(SendReceipt.Unavailable.class,
                u -> assertThat(u.reason()).contains("did not answer within 200 ms", "may have been sent"));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SendReceipt unreachable;
        try (ConnectorHarness nowhere = harnessWith(Map.of("baseUrl", "http://127.0.0.1:" + closedPort))) {
            unreachable = sender(nowhere).send(message("pmt_n", "+8613800138000", Map.of()));
        }
        assertThat(unreachable).isInstanceOfSatisfying(SendReceipt.Unavailable.class,
                u -> assertThat(u.reason()).startsWith("Dysmsapi could not be reached"));
    }

    @Test
    @DisplayName("Recipients: a mainland E.164 mobile goes without +86; anything that is no E.164 phone is refused without a call")
    void recipients_are_written_as_dysmsapi_takes_them(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.ok("4^0"));
        MessageSender sender = sender(harness);

        assertThat(sender.send(message("pmt_cn", "+8613912345678", Map.of()))).isInstanceOf(SendReceipt.Accepted.class);
        assertThat(harness.platform().findAll(postRequestedFor(urlPathEqualTo("/"))).get(0).queryParameter("PhoneNumbers").firstValue())
                .isEqualTo("13912345678");
        // The host gives the sender E.164 phones only; the sender still refuses anything else on its own, without a call.
        MessageSender direct = Fixtures.sender(harness.baseUrl());
        assertThat(direct.send(message("pmt_x", "13800138000", Map.of()))).isInstanceOfSatisfying(SendReceipt.Refused.class,
                r -> assertThat(r.platformCode()).isEqualTo("recipient-not-a-phone"));
        assertThat(direct.send(new OutgoingMessage("pmt_e", SubjectIdentifier.of(IdentifierType.EMAIL, "li@example.com"), "marketing-sms",
                Optional.empty(), Optional.empty(), Map.of()))).isInstanceOf(SendReceipt.Refused.class);
        harness.platform().verify(1, postRequestedFor(urlPathEqualTo("/")));
    }

    /**
     * Review finding: SendSms writes other countries as "国际区号+号码" (no {@code +}) and reads an
     * 11-digit number without prefix as a mainland mobile ("国内短信：+/+86/0086/86或无任何前缀的11位手机号码",
     * SendSms PhoneNumbers, help.aliyun.com): +1 312 345 6789 would go to mainland 131-2345-6789.
     */
    @Test
    @DisplayName("Only mainland mobiles are sent: another country's number (+1 312 345 6789 would read as mainland 13123456789) is refused without a call")
    void another_countrys_number_is_refused_without_a_call(ConnectorHarness harness) {
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.ok("4^0"));
        MessageSender sender = sender(harness);

        for (String number : List.of("+13123456789", "+85291234567", "+442071838750", "+861012345678")) {
            assertThat(sender.send(message("pmt_intl", number, Map.of()))).as(number).isInstanceOfSatisfying(SendReceipt.Refused.class,
                    r -> assertThat(r.platformCode()).isEqualTo("recipient-not-mainland-mobile"));
        }
        assertThat(harness.platform().getAllServeEvents()).as("no number but a mainland mobile reaches Dysmsapi").isEmpty();
    }

    @Test
    @DisplayName("Without a configured template the caller must choose one: refused without a call")
    void without_any_template_the_message_is_refused() {
        try (ConnectorHarness untemplated = harnessWith(Map.of(SmsAliyunConnector.TEMPLATE_CODE, ""))) {
            SendReceipt receipt = sender(untemplated).send(message("pmt_nt", "+8613800138000", Map.of()));
            assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class, r -> assertThat(r.platformCode()).isEqualTo("template-missing"));
            assertThat(untemplated.platform().getAllServeEvents()).isEmpty();
        }
    }

    @Test
    @DisplayName("No secret reaches a log line, a receipt or the sender's descriptions, whatever the platform answers (the sender itself, without the host's scrubbing)")
    void no_secret_reaches_a_log_or_a_receipt(ConnectorHarness harness) {
        harness.platform().stubFor(AliyunGateway.sendSms().willReturn(aResponse().withStatus(500).withBody("<html>upstream error</html>")));
        MessageSender sender = Fixtures.sender(harness.baseUrl());

        SendReceipt broken = sender.send(message("pmt_s", "+8613800138000", Map.of("code", "1")));
        harness.platform().resetAll();
        GATEWAY.stubSendSms(harness.platform(), AliyunGateway.ok("5^0"));
        SendReceipt wrongKey = Fixtures.sender(harness.baseUrl(), Map.of(SmsAliyunConnector.ACCESS_KEY_SECRET, "x" + Fixtures.KEY_SECRET))
                .send(message("pmt_s2", "+8613800138000", Map.of()));

        assertThat(broken).isInstanceOf(SendReceipt.Unavailable.class);
        assertThat(wrongKey).isInstanceOf(SendReceipt.Refused.class);
        assertThat(harness.leaks(Fixtures.SECRETS)).isFalse();
        for (Object shown : List.of(broken, wrongKey, sender, Settings.of(Fixtures.context(harness.baseUrl(), Map.of()).config()))) {
            assertThat(shown.toString()).doesNotContain(Fixtures.KEY_SECRET, Fixtures.TOKEN);
        }
    }
}
