package org.opencpm.adapters.rest.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * JSON builders from one factory. {@code Jsons.object()} looks the JSON-P provider up
 * through the service loader on every call, which costs more than the building; this does it once.
 */
public final class Jsons {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject start) {
        return BUILDERS.createObjectBuilder(start);
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }
}
