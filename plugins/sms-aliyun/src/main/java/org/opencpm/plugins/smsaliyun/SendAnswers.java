package org.opencpm.plugins.smsaliyun;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencpm.connectors.api.SendReceipt;

/**
 * What Dysmsapi's answer to {@code SendSms} means for the caller. The answer is
 * {@code {"Code":"OK","Message":"OK","BizId":"…","RequestId":"…"}} when the message was taken; any
 * other {@code Code} is an error (Alibaba Cloud's "API错误码" page for SMS), with HTTP 200 for the
 * business codes ({@code isv.*}) and 4xx/5xx for the gateway's ({@code SignatureDoesNotMatch},
 * {@code Throttling.User}…).
 *
 * <ul>
 *   <li><b>unavailable</b> (the caller may send it again later): flow control and quotas that lift
 *       by themselves — {@code isv.BUSINESS_LIMIT_CONTROL} (per-number frequency), {@code isv.DAY_LIMIT_CONTROL},
 *       {@code isv.MONTH_LIMIT_CONTROL}, {@code Throttling*} (QPS, retried after a second) —, the account
 *       out of balance ({@code isv.OUT_OF_SERVICE}, {@code isv.AMOUNT_NOT_ENOUGH}), the platform's own errors
 *       ({@code isp.SYSTEM_ERROR}, {@code InternalError}, {@code ServiceUnavailable}, any 5xx), a reused nonce;</li>
 *   <li><b>refused</b> (sending it again will not help): every other code — an invalid number
 *       ({@code isv.MOBILE_NUMBER_ILLEGAL}), an unknown or unapproved template or signature
 *       ({@code isv.SMS_TEMPLATE_ILLEGAL}, {@code isv.SMS_SIGNATURE_ILLEGAL}), missing parameters, and
 *       the configuration errors an operator must fix ({@code SignatureDoesNotMatch},
 *       {@code InvalidAccessKeyId.NotFound}, {@code isp.RAM_PERMISSION_DENY}). A code this list does not
 *       know is refused too, and so is an answer below 500 that is no JSON (a {@code baseUrl} that is not
 *       Dysmsapi): SendSms is not idempotent, so "try again" is said only when it is safe.</li>
 * </ul>
 *
 * Reasons quote the platform's code, message and RequestId (for Alibaba Cloud's support), with any
 * phone number in them masked.
 */
final class SendAnswers {

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());
    private static final Set<String> LATER = Set.of("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.MONTH_LIMIT_CONTROL",
            "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH", "isp.SYSTEM_ERROR", "InternalError", "ServiceUnavailable",
            "SignatureNonceUsed");
    private static final Duration THROTTLED = Duration.ofSeconds(1);
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d{11,}");

    private SendAnswers() {
    }

    /**
     * The receipt for an answer.
     *
     * @param retryAfter the answer's {@code Retry-After}, if it had one
     * @param recipient  the number the message was for, as sent: masked wherever the platform quotes it
     */
    static SendReceipt read(int status, Optional<Duration> retryAfter, String body, String recipient) {
        Optional<JsonObject> answer = parse(body);
        String code = answer.map(a -> a.getString("Code", "")).orElse("");
        if (status / 100 == 2 && code.equals("OK")) {
            // Taken, whatever else the answer lacks: saying otherwise could have the caller send it twice.
            return SendReceipt.accepted(answer.get().getString("BizId", answer.get().getString("RequestId", "")));
        }
        String reason = masked(describe(status, code, answer), recipient);
        if (code.startsWith("Throttling")) {
            return SendReceipt.unavailable(reason, retryAfter.or(() -> Optional.of(THROTTLED)));
        }
        if (LATER.contains(code) || status / 100 == 5 || status == 429) {
            return SendReceipt.unavailable(reason, retryAfter);
        }
        return SendReceipt.refused(code.isEmpty() ? "HTTP " + status : code, reason);
    }

    private static Optional<JsonObject> parse(String body) {
        try {
            return Optional.of(JSON.createReader(new StringReader(body)).readObject());
        } catch (JsonException | IllegalStateException | ClassCastException unreadable) {
            return Optional.empty();
        }
    }

    private static String describe(int status, String code, Optional<JsonObject> answer) {
        if (answer.isEmpty()) {
            return "Dysmsapi answered HTTP " + status + " with a body that is no JSON object";
        }
        JsonObject a = answer.get();
        return "Dysmsapi answered " + (code.isEmpty() ? "HTTP " + status : code) + ": " + a.getString("Message", "(no message)")
                + a.getString("Recommend", "").transform(r -> r.isEmpty() ? "" : " (" + r + ")")
                + a.getString("RequestId", "").transform(id -> id.isEmpty() ? "" : " [RequestId " + id + "]");
    }

    private static String masked(String reason, String recipient) {
        String out = recipient.isEmpty() ? reason : reason.replace(recipient, "***");
        return PHONE_LIKE.matcher(out).replaceAll("***");
    }
}
