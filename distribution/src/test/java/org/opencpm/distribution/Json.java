package org.opencpm.distribution;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** Reads JSON answers in tests. Single quotes in request templates stand for double quotes. */
public final class Json {

    private Json() {
    }

    public static JsonObject parse(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonArray parseArray(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    public static String of(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
