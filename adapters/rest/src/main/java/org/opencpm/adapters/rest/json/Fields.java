package org.opencpm.adapters.rest.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object being read, which knows where it sits in the request ({@code subject.guardian})
 * so that every complaint names the field. A JSON {@code null} counts as absent.
 */
public final class Fields {

    private static final Instant EARLIEST_INSTANT = Instant.EPOCH;
    private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    private final JsonObject object;
    private final String path;

    private Fields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    static Fields root(JsonObject object) {
        return new Fields(object, "");
    }

    public static Fields of(JsonObject object, String path) {
        return new Fields(object, path);
    }

    /** The path of field {@code name} of this object. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public String path() {
        return path;
    }

    public JsonObject json() {
        return object;
    }

    /** Refuses any field not in {@code names}. */
    public Fields allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw new JsonInputException(path(key), "is not a field of " + (path.isEmpty() ? "this request" : path)
                        + "; known fields: " + String.join(", ", names));
            }
        }
        return this;
    }

    public boolean has(String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new JsonInputException(path(name), "is required"));
    }

    public Optional<String> optionalString(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonValue value = object.get(name);
        if (!(value instanceof JsonString text)) {
            throw wrongType(name, "a string");
        }
        return Optional.of(text.getString());
    }

    public Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonValue value = object.get(name);
        if (value == JsonValue.TRUE) {
            return Optional.of(true);
        }
        if (value == JsonValue.FALSE) {
            return Optional.of(false);
        }
        throw wrongType(name, "true or false");
    }

    public boolean booleanOr(String name, boolean otherwise) {
        return optionalBoolean(name).orElse(otherwise);
    }

    public Optional<Integer> optionalInt(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonValue value = object.get(name);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw wrongType(name, "a whole number");
        }
        try {
            return Optional.of(number.intValueExact());
        } catch (ArithmeticException tooBig) {
            throw new JsonInputException(path(name), "is too large");
        }
    }

    public Fields requiredObject(String name) {
        return optionalObject(name).orElseThrow(() -> new JsonInputException(path(name), "is required"));
    }

    public Optional<Fields> optionalObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonValue value = object.get(name);
        if (!(value instanceof JsonObject nested)) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new Fields(nested, path(name)));
    }

    /** The elements of array {@code name}, each an object; empty when absent. */
    public List<Fields> objects(String name) {
        JsonArray array = array(name);
        List<Fields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            String at = path(name) + "[" + i + "]";
            if (!(element instanceof JsonObject nested)) {
                throw new JsonInputException(at, "must be an object");
            }
            out.add(new Fields(nested, at));
        }
        return out;
    }

    /** The elements of array {@code name}, each a string; empty when absent. */
    public List<String> strings(String name) {
        JsonArray array = array(name);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString text)) {
                throw new JsonInputException(path(name) + "[" + i + "]", "must be a string");
            }
            out.add(text.getString());
        }
        return out;
    }

    /** The array {@code name}, or an empty one when absent. */
    public JsonArray array(String name) {
        if (!has(name)) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        JsonValue value = object.get(name);
        if (!(value instanceof JsonArray array)) {
            throw wrongType(name, "an array");
        }
        return array;
    }

    /** A map from field name to string value, for objects like {@code name: {"zh": …, "en": …}}. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        optionalObject(name).ifPresent(nested -> nested.object.forEach((key, value) -> {
            if (!(value instanceof JsonString text)) {
                throw new JsonInputException(nested.path(key), "must be a string");
            }
            out.put(key, text.getString());
        }));
        return out;
    }

    /** A map from field name to boolean, for objects like {@code topics: {"promotions": false}}. */
    public Map<String, Boolean> booleanMap(String name) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        optionalObject(name).ifPresent(nested -> nested.object.keySet().forEach(key ->
                out.put(key, nested.optionalBoolean(key).orElseThrow(() -> new JsonInputException(nested.path(key), "must be true or false")))));
        return out;
    }

    /** An ISO-8601 date-time with offset ({@code 2026-11-29T10:00:00+08:00}), within {@link #instant}'s range. */
    public Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(text -> instant(text, path(name)));
    }

    /**
     * {@code text} as an ISO-8601 date-time with offset, from 1970 to the end of 9999: the instants
     * every store can hold (they are kept as milliseconds since 1970), so that
     * {@code +999999999-12-31T23:59:59Z} is a 400 naming the field, not an overflow deep inside.
     */
    public static Instant instant(String text, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new JsonInputException(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-29T10:00:00+08:00");
        }
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
            throw new JsonInputException(field, "is out of range (from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)");
        }
        return instant;
    }

    /** An ISO-8601 date ({@code 2012-05-01}), a birth date: from 1900 to the end of 9999. */
    public Optional<LocalDate> optionalDate(String name) {
        return optionalString(name).map(text -> {
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonInputException(path(name), "must be an ISO-8601 date, e.g. 2012-05-01");
            }
            if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
                throw new JsonInputException(path(name), "is out of range (from 1900-01-01 to 9999-12-31)");
            }
            return date;
        });
    }

    private JsonInputException wrongType(String name, String expected) {
        return new JsonInputException(path(name), "must be " + expected);
    }
}
