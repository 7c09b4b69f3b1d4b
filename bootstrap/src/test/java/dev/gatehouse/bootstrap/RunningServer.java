package dev.gatehouse.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server of the end-to-end tests, started as {@code serve} starts it with the initial platform admin
 * ({@link #ADMIN_EMAIL}); closing it closes its application context. Use it in try-with-resources.
 */
final class RunningServer implements AutoCloseable {
    static final String ADMIN_EMAIL = "root@example.com";
    static final String ADMIN_PASSWORD = "a long admin password";

    private final EmbeddedServer server;
    private final Http http;

    private RunningServer(EmbeddedServer server) {
        this.server = server;
        this.http = new Http(server.getURL().toString());
    }

    static RunningServer start(ServerConfig config) {
        return start(config, Map.of());
    }

    /** @param properties more configuration properties, besides the initial admin's */
    static RunningServer start(ServerConfig config, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("gatehouse.admin.email", ADMIN_EMAIL);
        all.put("gatehouse.admin.password", ADMIN_PASSWORD);
        return new RunningServer(GatehouseServer.start(config, all));
    }

    /** The server's base URL. */
    String url() {
        return server.getURL().toString();
    }

    /** A client of this server. */
    Http http() {
        return http;
    }

    /** A bean of the server's application context. */
    <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    /** The initial admin's session token. */
    String loginAdmin() throws IOException, InterruptedException {
        return http.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a user as {@code token} (a platform admin's), expecting 201; the new user's id. */
    String createUser(String token, String email, String password, String name) throws IOException, InterruptedException {
        var created = http.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\""
                + name + "\"}", token);
        expect(created, 201);
        return Http.field(created.body(), "id");
    }

    /** A user and their session token. */
    record SignedIn(String id, String token) {
    }

    /**
     * Creates the user {@code name} as {@code token} (a platform admin's), with the email
     * {@code <name>@example.com} and the password {@code <name>'s long password} (name in lower case), and signs them in.
     */
    SignedIn signIn(String token, String name) throws IOException, InterruptedException {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String id = createUser(token, lower + "@example.com", lower + "'s long password", name);
        return new SignedIn(id, http.login(lower + "@example.com", lower + "'s long password"));
    }

    /** Creates an organization as {@code token}, expecting 201; its id. */
    String createOrganization(String token, String name) throws IOException, InterruptedException {
        var created = http.post("/api/v1/organizations", "{\"name\":\"" + name + "\"}", token);
        expect(created, 201);
        return Http.field(created.body(), "id");
    }

    /** Creates a project in the organization as {@code token}, expecting 201; its id. */
    String createProject(String token, String organizationId, String name) throws IOException, InterruptedException {
        var created = http.post("/api/v1/projects", "{\"organization_id\":\"" + organizationId + "\",\"name\":\"" + name + "\"}",
                token);
        expect(created, 201);
        return Http.field(created.body(), "id");
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /**
     * Another instance's answer to {@code GET path} with {@code token} becomes {@code status} within
     * {@code within} of now: what a second server learns through the stores' announcements
     * (LISTEN/NOTIFY), not in the same transaction. Polls; fails with the last answer.
     */
    static void expectWithin(Http on, String path, String token, int status, java.time.Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> r;
        do {
            r = on.get(path, token);
        } while (r.statusCode() != status && System.nanoTime() < deadline);
        expect(r, status);
    }

    /** The response has {@code status}; the message names the request and the body. */
    static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }
}
