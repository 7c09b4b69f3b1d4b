package dev.gatehouse.bootstrap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every route's path, query and body, fuzzed on both stores, as the platform admin (so requests get
 * past authentication and authorization to the handlers): never a 5xx, never a hang, and every 4xx is
 * a problem document.
 *
 * <p>An input is text, so the seed corpus ({@code src/test/resources/dev/gatehouse/bootstrap/ApiFuzzTestInputs/api/})
 * is readable and a finding can be replayed by hand:
 * <pre>
 * p                              ← store: 'p' PostgreSQL, anything else memory
 * PATCH /api/v1/roles/{id}       ← a route of the router ("METHOD template"); not one: picked by hash
 * &#64; x                            ← path variables in order, space-separated: '&#64;' a live id of the fixture, else the text
 * page=2&amp;sort=-name              ← the query string (characters a URI cannot carry are percent-encoded)
 * {"name":"…"}                   ← the rest: the body, sent as is with Content-Type: application/json
 * </pre>
 * In the query and the body {@code @org@} stands for the fixture's organization id.
 *
 * <p>{@code mvn test} runs the corpus as regression tests. {@code JAZZER_FUZZ=1} fuzzes (the
 * {@code fuzz} surefire execution in {@code verify} does so within a fixed budget); a failing input
 * is written next to the corpus as {@code crash-…}: keep it there once the bug is fixed.
 */
class ApiFuzzTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Target> TARGETS = new HashMap<>();
    private static final String ORG = "@org@";

    /** A running server, its admin session and the ids of a small fixture, by the path segment naming them. */
    private record Target(EmbeddedServer server, String base, String token, Map<String, String> ids, List<Route> routes) {
    }

    private record Route(String method, String template, List<String> variables) {
        String key() {
            return method + " " + template;
        }
    }

    @FuzzTest(maxDuration = "40s")
    void api(byte[] input) throws Exception {
        String[] parts = split(input);
        Target target = target(parts[0].startsWith("p") ? "postgres" : "memory");
        Route route = route(target, parts[1]);
        String path = path(target, route, parts[2]);
        String org = target.ids().get("organizations");
        String query = encodeQuery(parts[3].replace(ORG, org));
        byte[] body = parts[4].replace(ORG, org).getBytes(StandardCharsets.ISO_8859_1); // the input's own bytes
        String uri = target.base() + path + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri));
        } catch (IllegalArgumentException unrepresentable) {
            return; // not a request a client can send
        }
        boolean withBody = switch (route.method()) {
            case "POST", "PUT", "PATCH" -> true;
            case "DELETE" -> body.length > 0;
            default -> false;
        };
        request.timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + target.token())
                .method(route.method(), withBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer (a hang or a dropped connection) to " + route.method() + " " + uri, e);
        }
        int status = response.statusCode();
        String what = route.method() + " " + path + (query.isEmpty() ? "" : "?" + query) + " with "
                + new String(body, StandardCharsets.UTF_8) + " → " + status + " " + response.body();
        if (status >= 500) {
            throw new AssertionError("5xx: " + what);
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                throw new AssertionError("a 4xx that is not problem+json (" + type + "): " + what);
            }
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != status || problem.path("error").asText().isEmpty()) {
                throw new AssertionError("a malformed problem document: " + what);
            }
        }
    }

    /** store, route, path variables, query, body: the first four lines and the rest. */
    private static String[] split(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String[] parts = Arrays.copyOf(text.split("\n", 5), 5);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i] == null ? "" : parts[i];
        }
        return parts;
    }

    private static Route route(Target target, String line) {
        String wanted = line.strip();
        for (Route r : target.routes()) {
            if (r.key().equals(wanted)) {
                return r;
            }
        }
        return target.routes().get(Math.floorMod(wanted.hashCode(), target.routes().size()));
    }

    private static String path(Target target, Route route, String line) {
        String[] given = line.isEmpty() ? new String[0] : line.split(" ", -1);
        String path = route.template();
        for (int i = 0; i < route.variables().size(); i++) {
            String variable = route.variables().get(i);
            String value = i < given.length ? given[i] : "@";
            if (value.equals("@") || value.isEmpty()) {
                value = target.ids().getOrDefault(owner(route.template(), variable), "none");
            }
            path = path.replace("{" + variable + "}", encode(value, false));
        }
        return path;
    }

    /** The resource a path variable names: the segment before it ({@code /roles/{id}} → roles). */
    private static String owner(String template, String variable) {
        String before = template.substring(0, template.indexOf("{" + variable + "}"));
        String[] segments = before.split("/");
        return segments.length == 0 ? variable : segments[segments.length - 1];
    }

    private static String encodeQuery(String raw) {
        return encode(raw, true);
    }

    /** Percent-encodes what a URI cannot carry; in a query {@code =} and {@code &} keep their meaning. */
    private static String encode(String raw, boolean query) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':'
                    || (query && (c == '=' || c == '&' || c == '+' || c == '%'));
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static synchronized Target target(String store) throws Exception {
        Target t = TARGETS.get(store);
        if (t == null) {
            t = start(store);
            TARGETS.put(store, t);
        }
        return t;
    }

    private static Target start(String store) throws Exception {
        ServerConfig config = TestServers.config(store, POSTGRES)
                // no outgoing webhook deliveries from fuzzed endpoints
                .withWebhooks(new ServerConfig.Webhooks(false, 1, false, ""));
        EmbeddedServer server = GatehouseServer.start(config, Map.of(
                "gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        String base = server.getURL().toString().replaceAll("/$", "");
        Http http = new Http(base);
        String token = http.login("root@example.com", "a long admin password");
        Map<String, String> ids = new HashMap<>();
        String org = id(http.post("/api/v1/organizations", "{\"name\":\"Fuzz\"}", token));
        ids.put("organizations", org);
        String project = id(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", token));
        ids.put("projects", project);
        ids.put("api-keys", id(http.post("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"k\",\"environment\":\"production\",\"scopes\":[\"projects:read\"]}", token)));
        String user = id(http.post("/api/v1/users", "{\"email\":\"member@example.com\",\"password\":\"another long password\","
                + "\"name\":\"Member\"}", token));
        ids.put("users", user);
        ids.put("members", user);
        ids.put("roles", id(http.post("/api/v1/roles", "{\"organization_id\":\"" + org + "\",\"name\":\"Reader\","
                + "\"permissions\":[\"projects:read\"]}", token)));
        ids.put("entitlements", "projects");
        List<Route> routes = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        server.getApplicationContext().getBean(Router.class).uriRoutes().forEach(r -> {
            if (r.getHttpMethod() == HttpMethod.HEAD || r.getHttpMethod() == HttpMethod.OPTIONS) {
                return;
            }
            String template = r.getUriMatchTemplate().toPathString();
            if (seen.add(r.getHttpMethodName() + " " + template)) {
                routes.add(new Route(r.getHttpMethodName(), template, List.copyOf(r.getUriMatchTemplate().getVariableNames())));
            }
        });
        routes.sort(java.util.Comparator.comparing(Route::key));
        return new Target(server, base, token, ids, List.copyOf(routes));
    }

    private static String id(HttpResponse<String> created) throws IOException {
        String id = JSON.readTree(created.body()).at("/data/id").asText();
        return id.isEmpty() ? "none" : id;
    }

    @AfterAll
    static void stop() {
        TARGETS.values().forEach(t -> t.server().getApplicationContext().close());
        TARGETS.clear();
    }
}
