package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny JDK HTTP client for end-to-end tests (no framework client, so nothing is faked). */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String token, String idempotencyKey)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, with an optional JSON body. */
    HttpResponse<String> send(String method, String path, String json, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls {@code GET /readyz} until it answers 200 or {@code deadline} passes (each poll waits for its
     * answer, up to the time left): for a server just started on a loaded machine.
     */
    void awaitReady(Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            Duration left = Duration.ofNanos(Math.max(end - System.nanoTime(), 1_000_000));
            try {
                var r = client.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(left).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
                last = e.toString();
            }
        }
        throw new AssertionError("not ready within " + deadline + ": " + last);
    }

    /** Logs in, waiting up to {@code timeout} for the answer (a cold server hashes its first password slowly). */
    String login(String email, String password, Duration timeout) throws IOException, InterruptedException {
        var r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return field(r.body(), "token");
    }

    /** Logs in and returns the session token. */
    String login(String email, String password) throws IOException, InterruptedException {
        var r = post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return field(r.body(), "token");
    }

    /** The first string value of a JSON field (enough for these tests' flat look-ups). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(1);
    }
}
