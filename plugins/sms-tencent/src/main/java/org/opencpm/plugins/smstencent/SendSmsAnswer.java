package org.opencpm.plugins.smstencent;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import org.opencpm.connectors.api.SendReceipt;

/**
 * Reads Tencent Cloud's answer to one SendSms of one number. The API answers HTTP 200 whatever
 * happened: {@code {"Response":{"SendStatusSet":[{"SerialNo","PhoneNumber","Fee","SessionContext",
 * "Code","Message","IsoCode"}],"RequestId"}}} when the request was taken — the number's
 * {@code Code} is {@code Ok} or why that number was not sent — or
 * {@code {"Response":{"Error":{"Code","Message"},"RequestId"}}} when the whole request was refused.
 *
 * <p>A code means "later" ({@link SendReceipt#unavailable}) when the same message may go once time
 * passes or the operator fixes the gateway, and "never" ({@link SendReceipt#refused}) otherwise:
 *
 * <ul>
 *   <li>later: {@code InternalError.*}, {@code RequestLimitExceeded*}, {@code ServiceUnavailable},
 *       {@code ResourceUnavailable*}, {@code LimitExceeded.*} (frequency and daily limits; after 30 s
 *       for {@code PhoneNumberThirtySecondLimit}, an hour for {@code PhoneNumberOneHourLimit}),
 *       {@code FailedOperation.MarketingSendTimeConstraint} (marketing SMS only 08:00–22:00);</li>
 *   <li>never: {@code AuthFailure.*} (a wrong SecretId or SecretKey, a host clock more than five
 *       minutes off: only the operator can fix it, and every send taken again would spend another
 *       unit of the person's frequency budget for the same refusal; the reason says what to check, as
 *       sms-aliyun's {@code SignatureDoesNotMatch}), {@code FailedOperation.*} (unapproved signature or
 *       template, sensitive words, a number on the carriers' do-not-disturb list, no balance…), {@code InvalidParameter*},
 *       {@code MissingParameter*}, {@code UnauthorizedOperation.*}, {@code UnsupportedOperation.*},
 *       {@code LimitExceeded.AppCountryOrRegionInBlacklist}, and any code not listed.</li>
 * </ul>
 *
 * Reasons quote Tencent's code and message with the recipient's number hidden.
 */
final class SendSmsAnswer {

    static final String OK = "Ok";
    private static final String AUTH_FAILURE = "AuthFailure";

    private SendSmsAnswer() {
    }

    /**
     * The receipt for answer {@code body} with HTTP {@code status}, for a message to {@code phone}.
     * An answer that cannot be read is "unavailable": Tencent may or may not have sent the message.
     */
    static SendReceipt read(int status, Optional<String> retryAfter, String body, String phone) {
        if (status == 429 || status >= 500) {
            return SendReceipt.unavailable("Tencent Cloud answered HTTP " + status, retryAfter.flatMap(SendSmsAnswer::seconds));
        }
        Optional<JsonObject> response = response(body);
        if (status != 200 || response.isEmpty()) {
            return status == 200
                    ? SendReceipt.unavailable("Tencent Cloud's answer could not be read: the message may have been sent", Optional.empty())
                    : SendReceipt.refused("HTTP " + status, "Tencent Cloud answered HTTP " + status + ": check baseUrl");
        }
        JsonObject answer = response.get();
        if (answer.get("Error") instanceof JsonObject error) {
            return failure(error.getString("Code", ""), error.getString("Message", ""), phone);
        }
        if (answer.get("SendStatusSet") instanceof JsonArray statuses && statuses.size() == 1
                && statuses.get(0) instanceof JsonObject sent) {
            String code = sent.getString("Code", "");
            return OK.equalsIgnoreCase(code) ? SendReceipt.accepted(sent.getString("SerialNo", ""))
                    : failure(code, sent.getString("Message", ""), phone);
        }
        return SendReceipt.unavailable("Tencent Cloud's answer holds no status for the number: the message may have been sent",
                Optional.empty());
    }

    private static Optional<JsonObject> response(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject().get("Response") instanceof JsonObject response
                    ? Optional.of(response) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    private static SendReceipt failure(String code, String message, String phone) {
        String reason = Phones.hide("Tencent Cloud SMS " + code + ": " + message, phone);
        if (code.startsWith(AUTH_FAILURE)) {
            return SendReceipt.refused(code, reason + " (Tencent Cloud refused the credentials, not the message: check the connector's "
                    + SmsTencentSettings.SECRET_ID + " and " + SmsTencentSettings.SECRET_KEY
                    + ", the CAM key's sms:SendSms permission, and that the host's clock is on NTP)");
        }
        if (later(code)) {
            return SendReceipt.unavailable(reason, wait(code));
        }
        return SendReceipt.refused(code.isEmpty() ? "unknown" : code, reason);
    }

    private static boolean later(String code) {
        if (code.equals("LimitExceeded.AppCountryOrRegionInBlacklist")) {
            return false;
        }
        return code.startsWith("InternalError") || code.startsWith("RequestLimitExceeded") || code.startsWith("LimitExceeded.")
                || code.startsWith("ResourceUnavailable") || code.equals("ServiceUnavailable")
                || code.equals("FailedOperation.MarketingSendTimeConstraint");
    }

    private static Optional<Duration> wait(String code) {
        return switch (code) {
            case "LimitExceeded.PhoneNumberThirtySecondLimit" -> Optional.of(Duration.ofSeconds(30));
            case "LimitExceeded.PhoneNumberOneHourLimit" -> Optional.of(Duration.ofHours(1));
            default -> Optional.empty();
        };
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.strip());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}
