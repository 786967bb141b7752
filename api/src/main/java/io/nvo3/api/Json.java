package io.nvo3.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON mapper and the Neutron error body. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private Json() {}

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    /** Parses a request body that must be a JSON object; 400 "Malformed request body" otherwise. */
    public static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "Malformed request body: the request body is empty.");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "Malformed request body: " + e.getOriginalMessage());
        }
        if (!(n instanceof ObjectNode o)) {
            throw ApiException.badRequest(null, "Malformed request body: a JSON object is expected.");
        }
        return o;
    }

    public static byte[] neutronError(String type, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("type", type);
        inner.put("message", message);
        inner.put("detail", "");
        return bytes(Map.of("NeutronError", inner));
    }
}
