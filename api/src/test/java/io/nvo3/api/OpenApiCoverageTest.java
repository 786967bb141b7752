package io.nvo3.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.json against the route table the server really dispatches on ({@link ApiServer#routes()}): every
 * (method, template) documented, nothing documented that is not served, path parameters named as the templates
 * name them, every {@code $ref} resolving, and the document valid for swagger-parser.
 */
class OpenApiCoverageTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private static OpenApiDocument api;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws IOException {
        api = new OpenApiDocument();
        doc = OpenApiDocument.tree();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static Set<String> served() {
        Set<String> out = new TreeSet<>();
        for (Route r : api.server.routes()) {
            out.add(r.method() + " " + r.template());
        }
        return out;
    }

    private static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (HTTP_METHODS.contains(method)) {
                    out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        return out;
    }

    @Test
    void everyServedRouteIsDocumented() {
        assertThat(served()).as("the route table").hasSizeGreaterThan(40);
        assertThat(documented()).as("operations in openapi.json").containsAll(served());
    }

    @Test
    void nothingIsDocumentedThatIsNotServed() {
        assertThat(served()).as("routes the server registers").containsAll(documented());
    }

    @Test
    void everyRouteFactoryOfTheModuleIsWiredIntoTheCoveredServer() throws IOException, URISyntaxException {
        // A feature adds routes through a public static factory returning List<Route> (wired by ControllerRuntime);
        // a new one must be added to OpenApiDocument so that its routes are checked against the document.
        Path classes = Path.of(ApiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> factories = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, ApiServer.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                            && returnsRouteList(m.getGenericReturnType())) {
                        factories.add(c.getName());
                    }
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        OpenApiDocument.FEATURE_ROUTE_FACTORIES.forEach(c -> covered.add(c.getName()));
        assertThat(factories).as("public static factories of List<Route> in " + classes).isEqualTo(covered);
    }

    private static boolean returnsRouteList(Type t) {
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == Route.class;
    }

    @Test
    void pathParametersAreTheTemplatesVariables() {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            Set<String> variables = new TreeSet<>();
            Matcher m = VARIABLE.matcher(p.getKey());
            while (m.find()) {
                variables.add(m.group(1));
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!HTTP_METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> declared = new TreeSet<>();
                for (JsonNode list : List.of(p.getValue().path("parameters"), op.getValue().path("parameters"))) {
                    for (JsonNode param : list) {
                        JsonNode resolved = resolve(param);
                        if (resolved.path("in").asText().equals("path")) {
                            declared.add(resolved.path("name").asText());
                            if (!resolved.path("required").asBoolean()) {
                                problems.add(op.getKey() + " " + p.getKey() + ": path parameter "
                                        + resolved.path("name").asText() + " not required");
                            }
                        }
                    }
                }
                if (!declared.equals(variables)) {
                    problems.add(op.getKey() + " " + p.getKey() + ": path parameters " + declared + " but template "
                            + "variables " + variables);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperationDocumentsItsErrorsAsNeutronErrors() {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!HTTP_METHODS.contains(op.getKey())) {
                    continue;
                }
                boolean open = op.getValue().path("security").isArray() && op.getValue().path("security").isEmpty();
                if (!open && !op.getValue().path("responses").has("401")) {
                    problems.add(op.getKey() + " " + p.getKey() + " needs a token but documents no 401");
                }
                for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        JsonNode schema = resolve(r.getValue()).path("content").path("application/json").path("schema");
                        if (!schema.path("$ref").asText().equals("#/components/schemas/NeutronError")) {
                            problems.add(op.getKey() + " " + p.getKey() + " " + r.getKey() + " is not a NeutronError");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRefResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, "", refs);
        assertThat(refs).as("$refs").isNotEmpty();
        List<String> dangling = refs.stream().filter(r -> !r.startsWith("#/") || doc.at(r.substring(1)).isMissingNode())
                .toList();
        assertThat(dangling).as("$refs that do not resolve").isEmpty();
    }

    private static void collectRefs(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), at + "/" + e.getKey(), out);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                collectRefs(c, at, out);
            }
        }
    }

    private static JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) {
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    @Test
    void swaggerParserFindsTheDocumentValid() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                new String(OpenApiDocument.bytes(), StandardCharsets.UTF_8), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        OpenAPI openapi = result.getOpenAPI();
        assertThat(openapi).isNotNull();
        assertThat(openapi.getPaths().keySet()).containsExactlyInAnyOrderElementsOf(
                served().stream().map(s -> s.substring(s.indexOf(' ') + 1)).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theServerServesThisDocument() throws Exception {
        OpenApiDocument.Reply r = api.call("GET", "/api/v1/openapi.json", OpenApiDocument.ALICE, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json()).isEqualTo(doc);
    }
}
