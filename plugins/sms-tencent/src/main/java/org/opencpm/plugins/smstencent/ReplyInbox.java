package org.opencpm.plugins.smstencent;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencpm.connectors.api.CollectionChannel;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.ConsentMethod;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundAnswer;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * The unsubscribe inbox: Tencent Cloud SMS's reply callback ({@code 短信回复}) at
 * {@code POST /hooks/sms-tencent/reply?token=<inboundToken>}, one reply per request,
 * {@code {"extend","mobile","nationcode","sign","text","time"}} ({@code time} in Unix seconds). An
 * array of such replies is taken too, each on its own.
 *
 * <ul>
 *   <li>The token is checked first, in constant time: wrong or missing is 401 and nothing recorded.
 *       Tencent does not sign the callback; the token in the URL configured in its console is the
 *       only proof that the request comes from it.</li>
 *   <li>A reply that is one of the unsubscribe keywords ({@link org.opencpm.connectors.api.UnsubscribeKeywords})
 *       withdraws the configured purposes for {@code +<nationcode><mobile>}, channel {@code sms},
 *       method {@code sms_reply}, the reply's text as evidence, at the reply's time. Any other reply
 *       records nothing and is answered OK.</li>
 *   <li>Tencent gives a reply no id: its id here is the SHA-256 of phone, time and text, so the
 *       same reply sent again (Tencent sending it again) records nothing. Two identical replies from one
 *       phone in the same second count once: the second would withdraw nothing more anyway.</li>
 *   <li>A body that is no reply (not UTF-8 JSON, a field missing or of the wrong type, a mobile
 *       that is no phone number) is 400 and records nothing.</li>
 *   <li>Tencent is answered {@code {"result":0,"errmsg":"OK"}} once the withdrawals are recorded
 *       (or were before); otherwise with a non-zero result and the host's status (422 refused,
 *       503 not recorded, so that Tencent may send it again).</li>
 * </ul>
 */
final class ReplyInbox implements InboundHandler {

    static final String PATH = "reply";
    static final String OK = "{\"result\":0,\"errmsg\":\"OK\"}";

    /** Strict reading: a key given twice is refused (else the last would win, e.g. a second "mobile"). */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    /** Tencent's answer, rendered from what became of the withdrawals. */
    static final InboundAnswer ANSWER = outcomes -> {
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(EventOutcome::taken)) {
            return InboundResponse.json(200, OK);
        }
        String why = outcomes.stream().filter(o -> !o.taken()).findFirst()
                .map(o -> o.kind().code() + o.code().map(c -> ": " + c).orElse("")).orElse("nothing recorded");
        return InboundResponse.json(EventOutcome.status(outcomes), "{\"result\":1,\"errmsg\":" + Json.createValue(why) + "}");
    };

    private final SmsTencentSettings settings;

    ReplyInbox(SmsTencentSettings settings) {
        this.settings = settings;
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (!"POST".equalsIgnoreCase(request.method()) || !PATH.equals(request.path())) {
            return refusal(404, "POST /hooks/sms-tencent/reply");
        }
        if (!Hmac.equalsConstantTime(settings.inboundToken(), request.queryParam("token").orElse(null))) {
            return InboundResponse.unauthorized("{\"result\":1,\"errmsg\":\"unauthorized\"}");
        }
        List<Reply> replies;
        try {
            replies = replies(request.body());
        } catch (MalformedReply e) {
            return refusal(400, e.getMessage());
        }
        List<ConsentCommand> withdrawals = new ArrayList<>();
        for (Reply reply : replies) {
            if (settings.keywords().unsubscribes(reply.text())) {
                withdrawals.add(ConsentCommand.withdraw(reply.eventId(), List.of(SubjectIdentifier.of(IdentifierType.PHONE, reply.phone())),
                        settings.unsubscribePurposes(), CollectionChannel.SMS, ConsentMethod.SMS_REPLY, reply.text(), reply.time()));
            }
        }
        // A reply that unsubscribes no one is answered at once: recording nothing is what it asks for.
        return withdrawals.isEmpty() ? InboundResponse.json(200, OK) : InboundResponse.record(withdrawals, ANSWER);
    }

    private static InboundResponse refusal(int status, String why) {
        return InboundResponse.json(status, "{\"result\":1,\"errmsg\":" + Json.createValue(why) + "}");
    }

    /** One reply: who ({@code +86…}), what and when, and the id it is recorded under. */
    record Reply(String phone, String text, Instant time) {

        /** Stable for the same reply, whenever Tencent sends it: {@code reply-} and the SHA-256 of phone, time and text. */
        String eventId() {
            return "reply-" + Hmac.sha256Hex((phone + "|" + time.getEpochSecond() + "|" + text).getBytes(StandardCharsets.UTF_8));
        }

        /** Without the phone: identifiers never reach a log. */
        @Override
        public String toString() {
            return "Reply[phone hidden, text=" + text + ", time=" + time + "]";
        }
    }

    /** The replies of a body; never partly: a body with one bad reply is refused whole. */
    static List<Reply> replies(byte[] body) throws MalformedReply {
        JsonStructure json = onlyValue(utf8(body));
        List<Reply> replies = new ArrayList<>();
        if (json instanceof JsonObject single) {
            replies.add(reply(single));
        } else {
            for (JsonValue value : json.asJsonArray()) {
                if (!(value instanceof JsonObject object)) {
                    throw new MalformedReply("a reply is a JSON object");
                }
                replies.add(reply(object));
            }
        }
        return replies;
    }

    private static Reply reply(JsonObject reply) throws MalformedReply {
        String phone = Phones.of(text(reply, "nationcode"), text(reply, "mobile"))
                .orElseThrow(() -> new MalformedReply("nationcode and mobile are no phone number"));
        if (!(reply.get("text") instanceof JsonString text)) {
            throw new MalformedReply("text is required, a string");
        }
        return new Reply(phone, text.getString(), Instant.ofEpochSecond(seconds(reply)));
    }

    /** A string field, or a number Tencent may send for one ({@code nationcode 86}). */
    private static String text(JsonObject reply, String name) throws MalformedReply {
        return switch (reply.get(name)) {
            case JsonString s -> s.getString();
            case JsonNumber n when n.isIntegral() -> n.bigIntegerValue().toString();
            case null, default -> throw new MalformedReply(name + " is required, a string");
        };
    }

    /** {@code time}: Unix seconds, a number (as documented) or a string of digits. */
    private static long seconds(JsonObject reply) throws MalformedReply {
        String time = text(reply, "time");
        if (!time.matches("[0-9]{1,12}")) {
            throw new MalformedReply("time is required, Unix seconds");
        }
        return Long.parseLong(time);
    }

    private static String utf8(byte[] body) throws MalformedReply {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new MalformedReply("the body is not UTF-8");
        }
    }

    /** The one JSON object or array of the body: anything after it is refused, never dropped. */
    private static JsonStructure onlyValue(String body) throws MalformedReply {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            JsonParser.Event first = parser.hasNext() ? parser.next() : null;
            if (first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.START_ARRAY) {
                throw new MalformedReply("the body is no JSON object or array");
            }
            JsonStructure value = (JsonStructure) parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedReply("data after the JSON value");
            }
            return value;
        } catch (RuntimeException unreadable) {
            throw new MalformedReply("the body is no JSON: " + unreadable.getClass().getSimpleName());
        }
    }

    /** A body that is no reply: answered 400, nothing recorded. */
    static final class MalformedReply extends Exception {
        MalformedReply(String why) {
            super(why, null, false, false);
        }
    }
}
