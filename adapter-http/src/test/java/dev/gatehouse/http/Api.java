package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.shared.Caller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A raw HTTP client for the embedded server: full control over bodies, headers and methods. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(URL base) {
        this.base = URI.create(base.toString());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Response> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    Response postJson(String path, String json, String token, String... headers) {
        var builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    Response patchJson(String path, String json, String token) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response delete(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).DELETE().build());
    }

    String login(String email, String password) {
        Response r = postJson("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        return r.json().at("/data/token").asText();
    }

    String adminToken() {
        return login(TestGatehouseFactory.ADMIN_EMAIL, TestGatehouseFactory.ADMIN_PASSWORD);
    }

    /** Creates a user directly through the core and returns a session token for them. */
    String userToken(Gatehouse gatehouse, String email, boolean admin) {
        var created = gatehouse.identity().createUser().handle(new CreateUser.Command(Caller.system("test"), email, "a-long-password", "Test User", admin));
        if (!created.isOk()) {
            throw new IllegalStateException(created.failure().toString());
        }
        return login(email, "a-long-password");
    }
}
