package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** JSON-RPC 1.0 messages as RFC 7047 §4 uses them. */
sealed interface JsonRpcMessage permits JsonRpcMessage.Request, JsonRpcMessage.Notification, JsonRpcMessage.Response {

    JsonNode toJson();

    /** {@code {"method": <string>, "params": [<any>*], "id": <nonnull-json-value>}}. */
    record Request(String method, ArrayNode params, JsonNode id) implements JsonRpcMessage {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
            if (id == null || id.isNull()) {
                throw new IllegalArgumentException("request id must not be null");
            }
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = ValueCodec.F.objectNode();
            o.put("method", method);
            o.set("params", params);
            o.set("id", id);
            return o;
        }
    }

    /** A request with {@code "id": null}: "a notification, which does not have a response". */
    record Notification(String method, ArrayNode params) implements JsonRpcMessage {
        public Notification {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = ValueCodec.F.objectNode();
            o.put("method", method);
            o.set("params", params);
            o.set("id", NullNode.instance);
            return o;
        }
    }

    /** {@code {"result": <any>, "error": <error-or-null>, "id": <same as request>}}. */
    record Response(JsonNode result, JsonNode error, JsonNode id) implements JsonRpcMessage {
        public Response {
            result = result == null ? NullNode.instance : result;
            error = error == null ? NullNode.instance : error;
            Objects.requireNonNull(id, "id");
        }

        boolean isError() {
            return !error.isNull();
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = ValueCodec.F.objectNode();
            o.set("id", id);
            o.set("result", result);
            o.set("error", error);
            return o;
        }
    }

    /** Classifies a decoded JSON value; anything else is {@link OvsdbException.Malformed}. */
    static JsonRpcMessage parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new OvsdbException.Malformed("JSON-RPC message is not an object: " + ValueCodec.abbreviate(n));
        }
        JsonNode method = n.get("method");
        JsonNode id = n.get("id");
        if (method != null) {
            if (!method.isTextual()) {
                throw new OvsdbException.Malformed("method is not a string: " + ValueCodec.abbreviate(n));
            }
            JsonNode params = n.get("params");
            if (params == null || !params.isArray()) {
                throw new OvsdbException.Malformed("params is not an array: " + ValueCodec.abbreviate(n));
            }
            if (id == null || id.isNull()) {
                return new Notification(method.textValue(), (ArrayNode) params);
            }
            return new Request(method.textValue(), (ArrayNode) params, id);
        }
        if ((n.has("result") || n.has("error")) && id != null && !id.isNull()) {
            return new Response(n.get("result"), n.get("error"), id);
        }
        throw new OvsdbException.Malformed("neither request nor response: " + ValueCodec.abbreviate(n));
    }
}
