package org.opencpm.plugins.smsaliyun;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One uplink message of an SmsUp push (Alibaba Cloud SMS, "SmsUp", HTTP batch push): the body is a
 * JSON array of {@code {phone_number, content, send_time, dest_code, sequence_id, sign_name?}}.
 *
 * @param sequenceId the platform's id of the message ({@code sequence_id}: a string in the current
 *                   documentation, a number in older pages — both read to the same text)
 * @param phone      the sender's number as the platform wrote it ({@code 1381111****})
 * @param content    what the person replied
 * @param sentAt     when the carrier pushed it ({@code send_time}, Beijing time); empty when it is missing or in
 *                   a form the documentation does not show, and the reply is then recorded at the time it arrives
 */
record SmsUpReply(String sequenceId, String phone, String content, Optional<Instant> sentAt) {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** "2017-09-01 00:00:00" (current pages) and "20170901000000" (an older page's sample). */
    private static final List<DateTimeFormatter> SEND_TIMES = List.of(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
    /** Strict reading: a key given twice is refused (else the last would win, e.g. a second phone_number). */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    @Override
    public String toString() {
        return "SmsUpReply[sequenceId=" + sequenceId + ", phone and content hidden]";
    }

    /**
     * The replies of a push body.
     *
     * @throws IllegalArgumentException when the body is no JSON array of replies, or a reply lacks its id, number or text
     */
    static List<SmsUpReply> parse(String body) {
        List<SmsUpReply> replies = new ArrayList<>();
        for (JsonValue value : onlyArray(body)) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("a reply is no JSON object");
            }
            JsonObject reply = value.asJsonObject();
            replies.add(new SmsUpReply(sequenceId(reply), text(reply, "phone_number"), text(reply, "content"),
                    Optional.ofNullable(reply.get("send_time")).filter(JsonString.class::isInstance)
                            .flatMap(t -> sentAt(((JsonString) t).getString()))));
        }
        return replies;
    }

    private static JsonArray onlyArray(String body) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                throw new IllegalArgumentException("the body is no JSON array");
            }
            JsonArray array = parser.getArray();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("data after the JSON array");
            }
            return array;
        } catch (RuntimeException unreadable) {
            throw unreadable instanceof IllegalArgumentException bad ? bad : new IllegalArgumentException("the body is no JSON");
        }
    }

    private static String sequenceId(JsonObject reply) {
        JsonValue id = reply.get("sequence_id");
        String text = switch (id) {
            case JsonString s -> s.getString().strip();
            case JsonNumber n when n.isIntegral() -> n.bigIntegerValue().toString();
            case null, default -> "";
        };
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a reply has no sequence_id");
        }
        return text;
    }

    private static String text(JsonObject reply, String field) {
        if (!(reply.get(field) instanceof JsonString value) || value.getString().isBlank()) {
            throw new IllegalArgumentException("a reply has no " + field);
        }
        return value.getString();
    }

    private static Optional<Instant> sentAt(String written) {
        for (DateTimeFormatter format : SEND_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(written.strip(), format).atZone(BEIJING).toInstant());
            } catch (DateTimeParseException other) {
                // try the next documented form
            }
        }
        return Optional.empty();
    }
}
