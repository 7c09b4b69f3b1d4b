package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A jsonb column that holds one JSON object, read as an insertion-ordered {@code Map} and written
 * back: the audit summary's {@code changes} and the domain events' {@code data}. {@code what} names
 * the content in the errors (a value that is not JSON on the way in, a stored value that is not a
 * JSON object on the way out).
 */
final class JsonObjects {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final String what;

    JsonObjects(ObjectMapper json, String what) {
        this.json = json;
        this.what = what;
    }

    String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> read(String stored) {
        try {
            return json.readValue(stored, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " in the database: not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
