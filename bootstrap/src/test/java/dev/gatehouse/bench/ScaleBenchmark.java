package dev.gatehouse.bench;

import dev.gatehouse.postgres.testing.ScaleDataset;
import dev.gatehouse.postgres.testing.StandaloneTestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists and writes as the number of tenants grows (not JMH: whole HTTP requests against a running
 * server). For each size: a fresh PostgreSQL database, the server started on it (Flyway migrates),
 * {@link ScaleDataset} bulk-loaded (background tenants), then one probe tenant created through the
 * API (an owner, a project-level user, an organization-wide key and a production-environment key,
 * two projects), and each request timed {@code iterations} times in a row over one keep-alive
 * connection after a warm-up. Prints p50/p99 per request and size, then the growth factor of each
 * p50 relative to the smallest size.
 *
 * <p>Arguments: the sizes (organizations; default 100 2000 10000). System properties:
 * {@code iterations} (200), {@code warmup} (50).
 */
public final class ScaleBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(sk_[^\"]+)\"");
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";
    private static final String PASSWORD = "scale-benchmark-password";
    private static final String SCOPES = "[\"organizations:read\",\"projects:read\",\"environments:read\","
            + "\"members:read\",\"api-keys:read\",\"webhooks:read\",\"roles:read\",\"access-requests:read\"]";
    /** What an environment key may hold: the scopes that grant something on an environment (the API refuses the others). */
    private static final String ENVIRONMENT_SCOPES = "[\"projects:read\",\"environments:read\",\"api-keys:read\"]";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int iterations;
    private final int warmup;
    private String base;

    private ScaleBenchmark(int iterations, int warmup) {
        this.iterations = iterations;
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[]{100, 2000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ScaleBenchmark bench = new ScaleBenchmark(Integer.getInteger("iterations", 200), Integer.getInteger("warmup", 50));
        Map<Integer, Map<String, double[]>> results = new LinkedHashMap<>();
        for (int size : sizes) {
            results.put(size, bench.run(size));
        }
        report(results);
        System.exit(0);
    }

    /** One size: request name → {p50, p99} in milliseconds. */
    private Map<String, double[]> run(int organizations) throws Exception {
        try (StandaloneTestDatabase database = StandaloneTestDatabase.create("scale_" + organizations)) {
            Map<String, Object> props = database.database().micronautProperties();
            props.put("gatehouse.store", "postgres");
            props.put("gatehouse.admin.password", ADMIN_PASSWORD);
            props.put("micronaut.server.port", -1);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                base = server.getURL().toString();
                long start = System.nanoTime();
                long relationships;
                try (Connection c = database.database().connect()) {
                    relationships = new ScaleDataset(organizations, 42).load(c);
                }
                System.out.printf(Locale.ROOT, "%,d organizations: %,d relationships loaded in %.1f s%n",
                        organizations, relationships, (System.nanoTime() - start) / 1e9);
                Probe probe = probe(database);
                return measure(probe);
            }
        }
    }

    /** The principals the measurements use, made through the API. */
    private record Probe(String admin, String owner, String projectUser, String orgKey, String envKey,
                         String organization, String project) {
    }

    private Probe probe(StandaloneTestDatabase database) throws Exception {
        String admin = login("admin@gatehouse.local", ADMIN_PASSWORD);
        String ownerId = id(call("POST", "/api/v1/users", admin,
                "{\"email\":\"probe-owner@scale.test\",\"password\":\"" + PASSWORD + "\",\"name\":\"Probe owner\"}", 201));
        String userId = id(call("POST", "/api/v1/users", admin,
                "{\"email\":\"probe-user@scale.test\",\"password\":\"" + PASSWORD + "\",\"name\":\"Probe user\"}", 201));
        String owner = login("probe-owner@scale.test", PASSWORD);
        String projectUser = login("probe-user@scale.test", PASSWORD);
        String org = id(call("POST", "/api/v1/organizations", owner, "{\"name\":\"Probe\",\"slug\":\"probe\"}", 201));
        try (Connection c = database.database().connect(); Statement s = c.createStatement()) {
            // enough plan for the probe's projects and keys, whatever the free tier allows
            s.executeUpdate("UPDATE organizations SET tier = 'enterprise' WHERE slug = 'probe'");
        }
        String project = id(call("POST", "/api/v1/projects", owner,
                "{\"organization_id\":\"" + org + "\",\"name\":\"Probe web\"}", 201));
        call("POST", "/api/v1/projects", owner, "{\"organization_id\":\"" + org + "\",\"name\":\"Probe api\"}", 201);
        try (Connection c = database.database().connect(); Statement s = c.createStatement()) {
            // a project-level user: viewer of the project only (role assignments need a membership),
            // written as the local authorizer stores it
            s.executeUpdate("INSERT INTO relationships (resource_type, resource_id, relation, subject_type, subject_id,"
                    + " subject_relation, created_revision, created_position) VALUES ('project', '" + project
                    + "', 'viewer', 'user', '" + userId + "', '...', 0, 0)");
        }
        String orgKey = match(KEY, call("POST", "/api/v1/api-keys", owner, "{\"organization_id\":\"" + org
                + "\",\"name\":\"probe org key\",\"scopes\":" + SCOPES + "}", 201));
        String envKey = match(KEY, call("POST", "/api/v1/projects/" + project + "/api-keys", owner,
                "{\"name\":\"probe env key\",\"environment\":\"production\",\"scopes\":" + ENVIRONMENT_SCOPES + "}", 201));
        if (ownerId.isEmpty()) {
            throw new IllegalStateException("no owner id");
        }
        return new Probe(admin, owner, projectUser, orgKey, envKey, org, project);
    }

    private Map<String, double[]> measure(Probe p) throws Exception {
        String org = "organization_id=" + p.organization();
        String oldWindow = "since=" + Instant.now().minus(600, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "&until=" + Instant.now().minus(599, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, double[]> out = new LinkedHashMap<>();
        time(out, "admin  GET /organizations", p.admin(), "/api/v1/organizations");
        time(out, "admin  GET /projects", p.admin(), "/api/v1/projects");
        time(out, "admin  GET /users?search=", p.admin(), "/api/v1/users?search=u77-");
        time(out, "admin  GET /audit-events (old window)", p.admin(), "/api/v1/audit-events?" + oldWindow);
        time(out, "owner  GET /organizations", p.owner(), "/api/v1/organizations");
        time(out, "owner  GET /projects?organization_id", p.owner(), "/api/v1/projects?" + org);
        time(out, "owner  GET /projects", p.owner(), "/api/v1/projects");
        time(out, "owner  GET /projects/{id}/environments", p.owner(), "/api/v1/projects/" + p.project() + "/environments");
        time(out, "owner  GET /organizations/{id}/members", p.owner(), "/api/v1/organizations/" + p.organization() + "/members");
        time(out, "owner  GET /api-keys", p.owner(), "/api/v1/api-keys?" + org);
        time(out, "owner  GET /projects/{id}/api-keys", p.owner(), "/api/v1/projects/" + p.project() + "/api-keys");
        time(out, "owner  GET /webhooks", p.owner(), "/api/v1/webhooks?" + org);
        time(out, "owner  GET /roles", p.owner(), "/api/v1/roles?" + org);
        time(out, "owner  GET /access-requests", p.owner(), "/api/v1/access-requests?" + org);
        time(out, "puser  GET /organizations", p.projectUser(), "/api/v1/organizations");
        time(out, "puser  GET /projects", p.projectUser(), "/api/v1/projects");
        time(out, "puser  GET /projects/{id}/environments", p.projectUser(), "/api/v1/projects/" + p.project() + "/environments");
        time(out, "orgkey GET /organizations", p.orgKey(), "/api/v1/organizations");
        time(out, "orgkey GET /projects", p.orgKey(), "/api/v1/projects");
        time(out, "orgkey GET /api-keys", p.orgKey(), "/api/v1/api-keys");
        time(out, "envkey GET /projects", p.envKey(), "/api/v1/projects");
        time(out, "envkey GET /organizations", p.envKey(), "/api/v1/organizations");
        timeWrite(out, "owner  PATCH /organizations/{id}", p.owner(), "PATCH", "/api/v1/organizations/" + p.organization(),
                i -> "{\"name\":\"Probe " + i + "\"}", 200);
        timeWrite(out, "owner  POST /projects (3 environments)", p.owner(), "POST", "/api/v1/projects",
                i -> "{\"organization_id\":\"" + p.organization() + "\",\"name\":\"Written " + i + "\"}", 201);
        return out;
    }

    private void time(Map<String, double[]> out, String name, String bearer, String path) throws Exception {
        call("GET", path, bearer, null, 200); // fails loudly when the request does not answer 200
        for (int i = 0; i < warmup; i++) {
            call("GET", path, bearer, null, 200);
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            call("GET", path, bearer, null, 200);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        record(out, name, ms);
    }

    @FunctionalInterface
    private interface Body {
        String of(int i);
    }

    private void timeWrite(Map<String, double[]> out, String name, String bearer, String method, String path, Body body,
                           int status) throws Exception {
        int n = Math.max(20, iterations / 4);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call(method, path, bearer, body.of(i), status);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        record(out, name, ms);
    }

    private static void record(Map<String, double[]> out, String name, double[] ms) {
        Arrays.sort(ms);
        double p50 = ms[(int) Math.floor(0.50 * (ms.length - 1))];
        double p99 = ms[(int) Math.floor(0.99 * (ms.length - 1))];
        out.put(name, new double[]{p50, p99});
        System.out.printf(Locale.ROOT, "  %-45s p50 %8.2f ms  p99 %8.2f ms%n", name, p50, p99);
    }

    private static void report(Map<Integer, Map<String, double[]>> results) {
        List<Integer> sizes = new ArrayList<>(results.keySet());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%n| request |"));
        StringBuilder rule = new StringBuilder("|---|");
        for (int size : sizes) {
            header.append(String.format(Locale.ROOT, " %,d orgs p50 / p99 (ms) |", size));
            rule.append("---|");
        }
        header.append(" growth (p50, largest / smallest) |");
        rule.append("---|");
        System.out.println(header);
        System.out.println(rule);
        for (String name : results.get(sizes.get(0)).keySet()) {
            StringBuilder line = new StringBuilder("| `" + name.replaceAll("\\s+", " ") + "` |");
            for (int size : sizes) {
                double[] v = results.get(size).get(name);
                line.append(v == null ? " – |" : String.format(Locale.ROOT, " %.1f / %.1f |", v[0], v[1]));
            }
            double[] first = results.get(sizes.get(0)).get(name);
            double[] last = results.get(sizes.get(sizes.size() - 1)).get(name);
            line.append(String.format(Locale.ROOT, " %.2f× |", last[0] / first[0]));
            System.out.println(line);
        }
    }

    private String login(String email, String password) throws Exception {
        return match(TOKEN, call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200));
    }

    private String call(String method, String path, String bearer, String body, int status) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        return match(ID, json);
    }

    private static String match(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(p + " not in " + json);
        }
        return m.group(1);
    }
}
