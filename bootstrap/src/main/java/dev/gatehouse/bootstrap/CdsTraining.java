package dev.gatehouse.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse cds-training} (hidden): the build's training run for the class-data-sharing archive
 * ({@code bootstrap/target/gatehouse.jsa}, ADR 30). Started with {@code -XX:ArchiveClassesAtExit}, it
 * starts the server on the embedded default and a free port, sends the requests a server answers most
 * (health, login, an organization, a project, keys, verify, a token exchange, lists), stops the server
 * and exits, so that the JVM archives every class this loaded. Nothing is persisted.
 */
@Command(name = "cds-training", hidden = true,
        description = "Start, answer typical requests, stop (the build's class-data-sharing training run).")
final class CdsTraining implements Callable<Integer> {
    private static final Pattern FIELD = Pattern.compile("\"(token|id|key)\"\\s*:\\s*\"([^\"]+)\"");
    private static final int CLIENT_ERROR = -1;
    private static final String PASSWORD = "cds-training-" + Long.toHexString(System.nanoTime());

    @Override
    public Integer call() throws Exception {
        ServerConfig config = new ServerConfig(Optional.empty(), 0);
        EmbeddedServer server = GatehouseServer.start(config, Map.of("gatehouse.admin.password", PASSWORD));
        try {
            train("http://127.0.0.1:" + server.getPort());
        } finally {
            server.getApplicationContext().close();
        }
        System.out.println("cds-training: done");
        return 0;
    }

    private static void train(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        for (int round = 0; round < 3; round++) {
            send(http, base, "GET", "/healthz", null, null, 200);
            send(http, base, "GET", "/readyz", null, null, 200);
            String token = field(send(http, base, "POST", "/api/v1/auth/login",
                    "{\"email\":\"" + StartupTasks.DEFAULT_ADMIN_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}", null, 200), "token");
            send(http, base, "GET", "/api/v1/me", null, token, 200);
            String org = field(send(http, base, "POST", "/api/v1/organizations", "{\"name\":\"Training " + round + "\"}", token, 201), "id");
            send(http, base, "GET", "/api/v1/organizations?per_page=20", null, token, 200);
            String project = field(send(http, base, "POST", "/api/v1/projects",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"Training\"}", token, 201), "id");
            send(http, base, "GET", "/api/v1/projects?organization_id=" + org, null, token, 200);
            String orgKey = field(send(http, base, "POST", "/api/v1/api-keys",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"verifier\",\"scopes\":[\"api-keys:verify\"]}", token, 201), "key");
            String projectKey = field(send(http, base, "POST", "/api/v1/projects/" + project + "/api-keys",
                    "{\"name\":\"exchange\",\"environment\":\"production\"}", token, 201), "key");
            send(http, base, "POST", "/api/v1/api-keys/verify", "{\"key\":\"" + projectKey + "\"}", orgKey, 200);
            send(http, base, "POST", "/api/v1/auth/token", "{}", projectKey, 201);
            send(http, base, "GET", "/api/v1/organizations/" + org + "/members", null, token, 200);
            send(http, base, "GET", "/api/v1/audit-events?per_page=5", null, token, 200);
            send(http, base, "GET", "/api/v1/organizations/unknown", null, token, CLIENT_ERROR);
            send(http, base, "POST", "/api/v1/organizations", "{\"name\":", token, CLIENT_ERROR);
        }
    }

    private static String send(HttpClient http, String base, String method, String path, String json, String bearer,
                               int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (expected == CLIENT_ERROR ? r.statusCode() / 100 != 4 : r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ", expected " + expected);
        }
        return r.body();
    }

    private static String field(String body, String name) {
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in the answer");
    }
}
