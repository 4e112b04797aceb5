package org.opencpm.adapters.rest.json;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a request body as one JSON object, refusing anything else with a {@link JsonInputException}. */
public final class JsonInput {

    /** The default body limit of the API: 1 MiB. */
    public static final long DEFAULT_LIMIT = 1024 * 1024;

    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private JsonInput() {
    }

    /** The body as a JSON object, read as UTF-8, at most {@code limit} bytes. */
    public static Fields object(InputStream body, long limit) {
        if (body == null) {
            throw new JsonInputException(null, "a JSON object is required as the request body");
        }
        try (JsonReader reader = READERS.createReader(new InputStreamReader(new LimitedInputStream(body, limit), StandardCharsets.UTF_8))) {
            JsonStructure structure = reader.read();
            if (!(structure instanceof JsonObject object)) {
                throw new JsonInputException(null, "the request body must be a JSON object");
            }
            return Fields.root(object);
        } catch (JsonParsingException malformed) {
            var at = malformed.getLocation();
            throw new JsonInputException(null, "malformed JSON" + (at == null ? "" : " at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber()) + ": " + firstLine(malformed.getMessage()));
        } catch (JsonException malformed) {
            if (malformed.getCause() instanceof PayloadTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new JsonInputException(null, "malformed JSON: " + firstLine(malformed.getMessage()));
        }
    }

    public static Fields object(InputStream body) {
        return object(body, DEFAULT_LIMIT);
    }

    /** The raw body, at most {@code limit} bytes (none for no body); a longer one is refused with 413. */
    public static byte[] bytes(InputStream body, long limit) {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = new LimitedInputStream(body, limit)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
