package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets are shown once, ever (ADR 19), on both stores: every route that answers with a secret
 * (API key create for a project and an organization, rotate; webhook create, rotate-secret;
 * invitation create, resend) is retried with the same Idempotency-Key; the retry replays the
 * resource without the secret, and afterwards no stored row (every table on PostgreSQL, every object
 * reachable from the memory stores) and no log line holds any secret or the password sent.
 */
class SecretsShownOnceTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a password nobody may store";

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    @OnEveryStore
    void retriesReplayTheResourceWithoutTheSecretAndNothingStoresIt(String store) throws Exception {
        ServerConfig.Webhooks loopback = new ServerConfig.Webhooks(false, 1, true, "127.0.0.0/8,::1/128");
        var db = store.equals("postgres") ? POSTGRES.database() : null;
        ServerConfig config = new ServerConfig(db == null ? Optional.empty()
                : Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password())), 0).withWebhooks(loopback);

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        List<String> julLines = new ArrayList<>();
        Handler jul = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (julLines) {
                    julLines.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(jul);

        EmbeddedServer server = GatehouseServer.start(config, Map.of("gatehouse.admin.email", "root@example.com",
                "gatehouse.admin.password", "a long admin password",
                "gatehouse.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        List<String> secrets = new ArrayList<>();
        List<String> idempotencyKeys = new ArrayList<>();
        try {
            Http http = new Http(server.getURL().toString());
            String rootToken = http.login("root@example.com", "a long admin password");
            String org = expect(http.post("/api/v1/organizations", "{\"name\":\"Secretive\"}", rootToken), 201).at("/data/id").asText();
            String project = expect(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", rootToken), 201)
                    .at("/data/id").asText();
            expect(http.post("/api/v1/users", "{\"email\":\"pat@example.com\",\"password\":\"" + PASSWORD + "\",\"name\":\"Pat\"}",
                    rootToken, key(idempotencyKeys)), 201);

            // Each secret route, retried: the first answer has the secret, the replay the same resource without it.
            JsonNode projectKey = once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/projects/" + project + "/api-keys",
                    "{\"name\":\"deploy\",\"environment\":\"development\",\"scopes\":[\"projects:read\"]}", 201, "/data/key", "/data"));
            assertThat(secrets.get(secrets.size() - 1)).startsWith("sk_test_");
            once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/api-keys",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"backend\",\"scopes\":[\"projects:read\"]}", 201, "/data/key", "/data"));
            assertThat(secrets.get(secrets.size() - 1)).startsWith("sk_live_");
            once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/api-keys/" + projectKey.at("/data/id").asText() + "/rotate",
                    "{\"grace_period_hours\":1}", 200, "/data/key", "/data"));
            JsonNode hook = once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/webhooks",
                    "{\"organization_id\":\"" + org + "\",\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"project.*\"]}", 201,
                    "/data/secret", "/data"));
            assertThat(secrets.get(secrets.size() - 1)).startsWith("whsec_");
            once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/webhooks/" + hook.at("/data/id").asText() + "/rotate-secret",
                    "{\"grace_period_hours\":1}", 200, "/data/secret", "/data"));
            JsonNode invitation = once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/organizations/" + org + "/invitations",
                    "{\"email\":\"invitee@example.com\",\"role\":\"member\"}", 201, "/data/token", "/data"));
            secrets.add(invitation.at("/data/accept_url").asText());
            JsonNode resent = once(http, rootToken, idempotencyKeys, secrets, new Route("/api/v1/organizations/" + org + "/invitations/"
                    + invitation.at("/data/id").asText() + "/resend", "", 200, "/data/token", "/data"));
            secrets.add(resent.at("/data/accept_url").asText());
            secrets.add(PASSWORD);
            assertThat(secrets).hasSize(10).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).isNotBlank());

            // Nothing stored holds a secret.
            String rootId = expect(http.get("/api/v1/me", rootToken), 200).at("/data/id").asText();
            Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
            for (String idem : idempotencyKeys) {
                var record = gatehouse.stores().platform().idempotencyRecords().find(rootId, idem).orElseThrow();
                String stored = new String(record.response().body(), StandardCharsets.UTF_8);
                assertNoSecret("stored response under " + idem, stored, secrets);
            }
            if (db != null) {
                assertNoSecret("the database", databaseText(db.jdbcUrl(), db.user(), db.password()), secrets);
            } else {
                assertNoSecret("the memory stores", reachableText(gatehouse.stores()), secrets);
            }
        } finally {
            server.getApplicationContext().close();
            root.detachAppender(logs);
            java.util.logging.Logger.getLogger("").removeHandler(jul);
        }
        List<String> lines = new ArrayList<>();
        synchronized (logs) {
            logs.list.forEach(e -> lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
        }
        synchronized (julLines) {
            lines.addAll(julLines);
        }
        assertThat(lines).as("log lines were captured").isNotEmpty();
        assertNoSecret("the log", String.join("\n", lines), secrets);
    }

    private static String key(List<String> keys) {
        String k = "retry-" + UUID.randomUUID();
        keys.add(k);
        return k;
    }

    /** A route answering with a secret at {@code secretPointer} inside the resource at {@code resourcePointer}. */
    private record Route(String path, String body, int status, String secretPointer, String resourcePointer) {
    }

    private static JsonNode once(Http http, String token, List<String> keys, List<String> secrets, Route route) throws Exception {
        String path = route.path();
        String body = route.body();
        int status = route.status();
        String secretPointer = route.secretPointer();
        String resourcePointer = route.resourcePointer();
        String idem = key(keys);
        var firstResponse = http.post(path, body, token, idem);
        JsonNode first = expect(firstResponse, status);
        assertThat(firstResponse.headers().firstValue("Idempotent-Replayed")).isEmpty();
        String secret = first.at(secretPointer).asText();
        assertThat(secret).as(path + " shows its secret the first time").isNotBlank();
        secrets.add(secret);

        var retry = http.post(path, body, token, idem);
        JsonNode replayed = expect(retry, status);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replayed.at(resourcePointer + "/id").asText()).as("the same resource").isEqualTo(first.at(resourcePointer + "/id").asText());
        assertThat(replayed.at(secretPointer).isMissingNode()).as(path + " replay without the secret: " + retry.body()).isTrue();
        assertThat(replayed.at(resourcePointer + "/secret_redacted").asBoolean()).as(retry.body()).isTrue();
        assertThat(retry.body()).doesNotContain(secret);
        return first;
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text.contains(secret)).as(where + " holds the secret " + secret.substring(0, Math.min(8, secret.length())) + "…")
                    .isFalse();
        }
    }

    /** Every row of every table of the public schema, as JSON text. */
    private static String databaseText(String url, String user, String password) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("idempotency_records", "api_keys", "webhook_endpoints", "invitations", "users");
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT row_to_json(t)::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
                // bytea columns appear hex-encoded above; decode them too so stored bodies are searched as text.
                try (ResultSet cols = c.createStatement().executeQuery("SELECT column_name FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND table_name = '" + table + "' AND data_type = 'bytea'")) {
                    List<String> names = new ArrayList<>();
                    while (cols.next()) {
                        names.add(cols.getString(1));
                    }
                    for (String col : names) {
                        try (ResultSet rs = c.createStatement().executeQuery("SELECT \"" + col + "\" FROM \"" + table + "\"")) {
                            while (rs.next()) {
                                byte[] bytes = rs.getBytes(1);
                                if (bytes != null) {
                                    all.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
                                }
                            }
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    /** The text of every string and byte array reachable from the memory stores (Gatehouse's own objects, collections, maps). */
    private static String reachableText(Object root) {
        StringBuilder all = new StringBuilder();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> todo = new ArrayList<>(List.of(root));
        Consumer<Object> push = o -> {
            if (o != null && seen.add(o)) {
                todo.add(o);
            }
        };
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o instanceof CharSequence s) {
                all.append(s).append('\n');
            } else if (o instanceof byte[] b) {
                all.append(new String(b, StandardCharsets.UTF_8)).append('\n');
            } else if (o instanceof Object[] array) {
                for (Object e : array) {
                    push.accept(e);
                }
            } else if (o instanceof Map<?, ?> map) {
                List<Map.Entry<?, ?>> entries;
                synchronized (map) {
                    entries = new ArrayList<>(map.entrySet());
                }
                entries.forEach(e -> {
                    push.accept(e.getKey());
                    push.accept(e.getValue());
                });
            } else if (o instanceof Collection<?> collection) {
                List<?> items;
                synchronized (collection) {
                    items = new ArrayList<>(collection);
                }
                items.forEach(push);
            } else if (o instanceof Optional<?> optional) {
                optional.ifPresent(push);
            } else if (o.getClass().getName().startsWith("dev.gatehouse.")) {
                for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        try {
                            f.setAccessible(true);
                            push.accept(f.get(o));
                        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
                            // not ours to read
                        }
                    }
                }
            }
        }
        return all.toString();
    }
}
