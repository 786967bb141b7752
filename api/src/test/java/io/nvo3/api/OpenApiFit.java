package io.nvo3.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** For API tests in other packages: what does not fit openapi.json in one JSON answer. */
public final class OpenApiFit {
    private static final JsonNode DOC = OpenApiDocument.tree();
    private static final SchemaCheck SCHEMAS = new SchemaCheck(DOC);

    private OpenApiFit() {}

    /** Problems of {@code body}, answered with {@code status} by {@code method template}; empty when it fits. */
    public static List<String> problems(String method, String template, int status, JsonNode body) {
        JsonNode response = DOC.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(method + " " + template + ": status " + status + " not documented");
        }
        JsonNode schema = SCHEMAS.resolve(response).path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of(method + " " + template + " " + status + ": no application/json schema");
        }
        return SCHEMAS.problems(body, schema, method + " " + template + " " + status + " ");
    }
}
