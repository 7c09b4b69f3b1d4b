package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of one seed document, for the seed profile walks (ADR 32): any method, headers, and
 * assertions on the documented status and error shape.
 */
final class SeedClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** An answer: its status and its body as JSON (a null node when empty). */
    record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
        JsonNode data() {
            return json.path("data");
        }
    }

    SeedClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Answer send(String method, String path, String json, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        b.header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::setHeader);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        boolean isJson = r.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
        return new Answer(r.statusCode(), r.body().isEmpty() || !isJson ? JSON.nullNode() : JSON.readTree(r.body()), r.body(), r);
    }

    Answer send(String method, String path, String json, String token) throws IOException, InterruptedException {
        return send(method, path, json, token, Map.of());
    }

    /** The request, answered with the documented status. */
    Answer expect(int status, String method, String path, String json, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        Answer a = send(method, path, json, token, headers);
        assertThat(a.status()).as(() -> method + " " + path + " → " + a.body()).isEqualTo(status);
        return a;
    }

    Answer expect(int status, String method, String path, String json, String token) throws IOException, InterruptedException {
        return expect(status, method, path, json, token, Map.of());
    }

    /** A documented error: its status and code, with the seeds' {@code error} and {@code message} members. */
    Answer error(int status, String code, String method, String path, String json, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        Answer a = expect(status, method, path, json, token, headers);
        assertThat(a.json().path("error").asText()).as(a.body()).isEqualTo(code);
        assertThat(a.json().path("message").asText()).as("message beside detail: " + a.body()).isNotBlank()
                .isEqualTo(a.json().path("detail").asText());
        return a;
    }

    Answer error(int status, String code, String method, String path, String json, String token)
            throws IOException, InterruptedException {
        return error(status, code, method, path, json, token, Map.of());
    }

    /** A platform admin's session. */
    String login(String email, String password) throws IOException, InterruptedException {
        return expect(200, "POST", "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null)
                .data().path("token").asText();
    }

    /** A new user (created by a platform admin) signed in. */
    String user(String rootToken, String email) throws IOException, InterruptedException {
        expect(201, "POST", "/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"a long user password\",\"name\":\"U\"}",
                rootToken);
        return login(email, "a long user password");
    }

    static void hasFields(JsonNode node, String... fields) {
        for (String f : fields) {
            assertThat(node.has(f)).as(f + " in " + node).isTrue();
        }
    }
}
