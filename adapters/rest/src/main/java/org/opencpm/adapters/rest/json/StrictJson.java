package org.opencpm.adapters.rest.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.opencpm.domain.Checks;

/**
 * The one JSON grammar every request body is held to, so that what the server stores is exactly
 * what the client meant — and two different people can never be read as one:
 * <ul>
 *   <li>the bytes are UTF-8, strictly: a byte sequence that is not (GBK, Latin-1…) is refused,
 *       never replaced by U+FFFD (two GBK names would otherwise decode to the same text);</li>
 *   <li>exactly one JSON object, nothing after it;</li>
 *   <li>at most {@value #MAX_DEPTH} levels of nesting (deeper input is refused before it can
 *       exhaust a stack);</li>
 *   <li>no key twice in an object;</li>
 *   <li>no control character in a key, none but line breaks and tabs in a string, no half of a
 *       surrogate pair anywhere;</li>
 *   <li>numbers of at most {@value #MAX_DIGITS} digits before and after the point (no
 *       {@code 1e400}, no 20-digit counts).</li>
 * </ul>
 * Every complaint names the field, as {@link Fields} does.
 */
final class StrictJson {

    /** The deepest nesting a request may have; the API's own bodies need four. */
    static final int MAX_DEPTH = 64;

    /** The most digits a number may have before, and after, its decimal point. */
    static final int MAX_DIGITS = 18;

    private static final int MAX_NUMBER_TEXT = 64;

    /**
     * One provider for the process: {@code Json.createValue} and friends look the provider up with
     * a {@code ServiceLoader} scan of the class path on every call, which took about 9 % of the CPU
     * of a grant (one call per string in a body).
     */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

    private StrictJson() {
    }

    /** The body as one JSON object. */
    static JsonObject object(byte[] body) {
        String text = utf8(body);
        if (text.isBlank()) {
            throw new JsonInputException(null, "a JSON object is required as the request body");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonInputException(null, "the request body must be a JSON object");
            }
            JsonObject root = object(parser, "", 1);
            if (hasMore(parser)) {
                throw new JsonInputException(null, "data after the JSON object: the body must hold exactly one JSON object");
            }
            return root;
        } catch (JsonParsingException malformed) {
            var at = malformed.getLocation();
            throw new JsonInputException(null, "malformed JSON" + (at == null ? "" : " at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber()) + ": " + firstLine(malformed.getMessage()));
        } catch (JsonException | java.util.NoSuchElementException | IllegalStateException malformed) {
            throw new JsonInputException(null, "malformed JSON: " + firstLine(malformed.getMessage()));
        }
    }

    /** The bytes as UTF-8, refusing any sequence that is not UTF-8 instead of replacing it. */
    static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new JsonInputException(null, "the request body is not valid UTF-8 (at byte " + in.position()
                    + "); send JSON encoded as UTF-8");
        }
        return out.flip().toString();
    }

    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonParsingException trailingGarbage) {
            return true;
        }
    }

    private static JsonObject object(JsonParser parser, String path, int depth) {
        checkDepth(path, depth);
        JsonObjectBuilder object = Jsons.object();
        Set<String> keys = new HashSet<>();
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_OBJECT) {
                return object.build();
            }
            String key = parser.getString();
            if (Checks.firstForbidden(key, false) >= 0) {
                throw new JsonInputException(path.isEmpty() ? null : path, "a field name contains control characters");
            }
            String at = path.isEmpty() ? key : path + "." + key;
            if (!keys.add(key)) {
                throw new JsonInputException(at, "appears twice");
            }
            object.add(key, value(parser, parser.next(), at, depth));
        }
    }

    private static JsonValue array(JsonParser parser, String path, int depth) {
        checkDepth(path, depth);
        JsonArrayBuilder array = Jsons.array();
        int index = 0;
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_ARRAY) {
                return array.build();
            }
            array.add(value(parser, event, path + "[" + index++ + "]", depth));
        }
    }

    private static JsonValue value(JsonParser parser, JsonParser.Event event, String at, int depth) {
        return switch (event) {
            case START_OBJECT -> object(parser, at, depth + 1);
            case START_ARRAY -> array(parser, at, depth + 1);
            case VALUE_STRING -> string(parser.getString(), at);
            case VALUE_NUMBER -> number(parser.getString(), at);
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new JsonInputException(at, "malformed JSON: unexpected " + event);
        };
    }

    private static JsonValue string(String text, String at) {
        int bad = Checks.firstForbidden(text, true);
        if (bad >= 0) {
            throw new JsonInputException(at, "must not contain control characters other than line breaks and tabs (found U+"
                    + String.format("%04X", (int) text.charAt(bad)) + " at position " + bad + ")");
        }
        return JSON.createValue(text);
    }

    private static JsonValue number(String text, String at) {
        BigDecimal number;
        try {
            if (text.length() > MAX_NUMBER_TEXT) {
                throw new NumberFormatException();
            }
            number = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            throw outOfRange(at);
        }
        if (number.signum() != 0 && (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS)) {
            throw outOfRange(at);
        }
        return JSON.createValue(number);
    }

    private static JsonInputException outOfRange(String at) {
        return new JsonInputException(at, "is out of range (at most " + MAX_DIGITS + " digits before and after the point)");
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonInputException(path.isEmpty() ? null : path, "is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
