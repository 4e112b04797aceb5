package org.opencpm.adapters.persistence;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

/**
 * JSON text of the columns that hold nested structures, written and read with JSON-P (Parsson).
 * The provider and its factories are looked up once: {@code jakarta.json.Json}'s static methods
 * would search the class path on every call. Objects keep their members in the order they were
 * added, so mappers that add them in sorted order write sorted JSON.
 */
public final class JsonText {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

    private JsonText() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    /** Compact JSON text, no white space. */
    public static String write(JsonStructure value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    public static JsonObject readObject(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonArray readArray(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    /** Adds {@code name} only when {@code value} is present. */
    public static JsonObjectBuilder addIfPresent(JsonObjectBuilder builder, String name, Optional<?> value) {
        value.ifPresent(v -> {
            if (v instanceof Integer i) {
                builder.add(name, i);
            } else if (v instanceof Long l) {
                builder.add(name, l);
            } else if (v instanceof Boolean b) {
                builder.add(name, b);
            } else {
                builder.add(name, v.toString());
            }
        });
        return builder;
    }

    /** The string member {@code name}, empty when it is missing or null. */
    public static Optional<String> optionalString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    /** The integer member {@code name}, empty when it is missing or null. */
    public static Optional<Integer> optionalInt(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonNumber number ? Optional.of(number.intValueExact()) : Optional.empty();
    }

    /** The string member {@code name}, or null when it is missing or null. */
    public static String stringOrNull(JsonObject object, String name) {
        return optionalString(object, name).orElse(null);
    }
}
