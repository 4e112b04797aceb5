package org.opencpm.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud SMS (Dysmsapi, API 2017-05-25) {@code SendSms} as far as the sms-aliyun plugin calls
 * it, checking what Alibaba Cloud checks: the ACS3-HMAC-SHA256 signature ({@link Acs3Verifier}; HTTP
 * 400 {@code SignatureDoesNotMatch}, 404 {@code InvalidAccessKeyId.NotFound}), {@code x-acs-date}
 * within 15 minutes ({@code InvalidTimeStamp.Expired}), a signature nonce used once
 * ({@code SignatureNonceUsed}: a replayed request is refused), the required parameters, the approved
 * signature and template ({@code isv.SMS_SIGNATURE_ILLEGAL}, {@code isv.SMS_TEMPLATE_ILLEGAL}) and a
 * mainland mobile number ({@code isv.MOBILE_NUMBER_ILLEGAL}). Numbers reach the page masked.
 * https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms
 */
final class AliyunSmsSimulator implements HttpHandler {

    static final String PLATFORM = "sms";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("(?:\\+?86)?(1\\d{10})");

    private final Acs3Verifier verifier;
    private final String signName;
    private final String templateCode;
    private final CallLog log;
    private final Clock clock;
    private final Map<String, Instant> nonces = new LinkedHashMap<>();

    AliyunSmsSimulator(DemoSecrets secrets, CallLog log, Clock clock) {
        this.verifier = new Acs3Verifier(secrets.aliyunAccessKeyId(), secrets.aliyunAccessKeySecret());
        this.signName = DemoSecrets.SMS_SIGN_NAME;
        this.templateCode = DemoSecrets.SMS_TEMPLATE;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<byte[]> body = Exchanges.body(exchange);
            var headers = exchange.getRequestHeaders();
            if (body.isEmpty()) {
                answer(exchange, 413, "RequestEntityTooLarge", "the body is too large", null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) && !"GET".equals(exchange.getRequestMethod())
                    || !"/".equals(exchange.getRequestURI().getPath())) {
                gatewayRefuses(exchange, 404, "InvalidApi.NotFound", "Specified api is not found, please check your url and method.");
                return;
            }
            if (!"SendSms".equals(headers.getFirst("x-acs-action")) || !"2017-05-25".equals(headers.getFirst("x-acs-version"))) {
                gatewayRefuses(exchange, 400, "InvalidAction.NotFound", "Specified action is not valid.");
                return;
            }
            Acs3Verifier.Outcome outcome = verifier.check(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), name -> headers.getFirst(name), body.get());
            switch (outcome) {
                case MALFORMED -> {
                    gatewayRefuses(exchange, 400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
                    return;
                }
                case UNKNOWN_KEY -> {
                    gatewayRefuses(exchange, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
                    return;
                }
                case MISMATCH -> {
                    gatewayRefuses(exchange, 400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
                    return;
                }
                case VALID -> {
                }
            }
            if (!fresh(headers.getFirst("x-acs-date"))) {
                gatewayRefuses(exchange, 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
                return;
            }
            if (!firstUse(headers.getFirst("x-acs-signature-nonce"))) {
                gatewayRefuses(exchange, 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
                return;
            }
            send(exchange, Exchanges.query(exchange));
        }
    }

    private void send(HttpExchange exchange, Map<String, String> query) throws IOException {
        for (String required : List.of("PhoneNumbers", "SignName", "TemplateCode")) {
            if (query.getOrDefault(required, "").isBlank()) {
                refuse(exchange, 400, "Missing" + required, required + " is mandatory for this action.");
                return;
            }
        }
        var mobile = MAINLAND_MOBILE.matcher(query.get("PhoneNumbers").strip());
        if (!mobile.matches()) {
            refuse(exchange, 200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
            return;
        }
        String masked = mask(mobile.group(1));
        Map<String, String> details = Map.of("template", query.get("TemplateCode"), "signName", query.get("SignName"));
        if (!signName.equals(query.get("SignName"))) {
            log.refused(PLATFORM, "sms.send", List.of(masked), details, "isv.SMS_SIGNATURE_ILLEGAL");
            answer(exchange, 200, "isv.SMS_SIGNATURE_ILLEGAL", "签名不合法(不存在或被拉黑)", null);
            return;
        }
        if (!templateCode.equals(query.get("TemplateCode"))) {
            log.refused(PLATFORM, "sms.send", List.of(masked), details, "isv.SMS_TEMPLATE_ILLEGAL");
            answer(exchange, 200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)", null);
            return;
        }
        log.accepted(PLATFORM, "sms.send", List.of(masked), details);
        answer(exchange, 200, "OK", "OK", (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L) + "^0");
    }

    private boolean fresh(String date) {
        try {
            Instant at = Instant.parse(date);
            return Duration.between(at, clock.instant()).abs().compareTo(CLOCK_SKEW) <= 0;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    /** Whether {@code nonce} was not seen within the last 15 minutes (older ones are forgotten: their date is refused anyway). */
    private synchronized boolean firstUse(String nonce) {
        Instant now = clock.instant();
        // insertion order is the order seen: drop stale nonces from the oldest on, not by a scan of all
        Instant stale = now.minus(CLOCK_SKEW.multipliedBy(2));
        for (var oldest = nonces.values().iterator(); oldest.hasNext() && oldest.next().isBefore(stale); ) {
            oldest.remove();
        }
        return nonce != null && !nonce.isBlank() && nonces.putIfAbsent(nonce, now) == null;
    }

    private void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        log.refused(PLATFORM, "sms.send", List.of(), Map.of(), code);
        answer(exchange, status, code, message, null);
    }

    /** A refusal by the API gateway, before the caller proved who it is (signature, date, nonce): logged apart, see {@link CallLog}. */
    private void gatewayRefuses(HttpExchange exchange, int status, String code, String message) throws IOException {
        log.refusedUnauthenticated(PLATFORM, "sms.send", Map.of(), code);
        answer(exchange, status, code, message, null);
    }

    private static void answer(HttpExchange exchange, int status, String code, String message, String bizId) throws IOException {
        var json = Json.createObjectBuilder().add("RequestId", UUID.randomUUID().toString().toUpperCase(Locale.ROOT))
                .add("Code", code).add("Message", message);
        if (bizId != null) {
            json.add("BizId", bizId);
        }
        if (status >= 400) {
            json.add("HostId", "dysmsapi.aliyuncs.com");
        }
        JsonObject body = json.build();
        Exchanges.json(exchange, status, body);
    }

    /** A mainland mobile as the page shows it: 138****1111. */
    static String mask(String elevenDigits) {
        return elevenDigits.substring(0, 3) + "****" + elevenDigits.substring(7);
    }
}
