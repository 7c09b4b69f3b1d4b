import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin calls for scripts/bench-vs-keycloak.sh, one request at a time on one keep-alive connection
 * (JDK HttpClient, HTTP/1.1): create organization, add member, list organizations (20 per page), each
 * WARMUP untimed calls then ITERATIONS timed ones; prints "RESULT name p50 p90 p99" in milliseconds.
 * Users for the members are created first (untimed); member i joins organization i, so no plan's
 * seat limit is reached.
 *
 *   java scripts/BenchAdminCalls.java gatehouse http://127.0.0.1:8080 admin@gatehouse.local PASSWORD [warmup] [iterations]
 *   java scripts/BenchAdminCalls.java keycloak  http://127.0.0.1:8081 admin PASSWORD [warmup] [iterations]   (realm "bench")
 */
public final class BenchAdminCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final String system;
    private final String base;
    private final String user;
    private final String password;
    private String token;
    private long tokenAt;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private BenchAdminCalls(String system, String base, String user, String password) {
        this.system = system;
        this.base = base;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !(args[0].equals("gatehouse") || args[0].equals("keycloak"))) {
            System.err.println("usage: BenchAdminCalls gatehouse|keycloak BASE_URL USER PASSWORD [warmup] [iterations]");
            System.exit(2);
        }
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int iterations = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        new BenchAdminCalls(args[0], args[1], args[2], args[3]).run(warmup, iterations);
    }

    private boolean keycloak() {
        return system.equals("keycloak");
    }

    private void run(int warmup, int iterations) throws Exception {
        int n = warmup + iterations;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            token();
            users.add(createUser(i));
        }
        List<String> orgs = new ArrayList<>();
        double[] create = new double[iterations];
        for (int i = 0; i < n; i++) {
            token();
            long t = System.nanoTime();
            orgs.add(createOrganization(i));
            if (i >= warmup) {
                create[i - warmup] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[] member = new double[iterations];
        for (int i = 0; i < n; i++) {
            token();
            long t = System.nanoTime();
            addMember(orgs.get(i), users.get(i));
            if (i >= warmup) {
                member[i - warmup] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[] list = new double[iterations];
        for (int i = 0; i < n; i++) {
            token();
            long t = System.nanoTime();
            listOrganizations(Math.min(20, orgs.size()));
            if (i >= warmup) {
                list[i - warmup] = (System.nanoTime() - t) / 1e6;
            }
        }
        report("create_organization", create);
        report("add_member", member);
        report("list_organizations", list);
    }

    private static void report(String name, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %.2f %.2f %.2f%n", name, pct(s, 50), pct(s, 90), pct(s, 99));
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private String createUser(int i) throws Exception {
        String email = "bench-" + run + "-" + i + "@example.com";
        if (keycloak()) {
            return created(send("POST", "/admin/realms/bench/users",
                    "{\"username\":\"bench-" + run + "-" + i + "\",\"email\":\"" + email + "\",\"enabled\":true,"
                            + "\"firstName\":\"Bench\",\"lastName\":\"User " + i + "\"}"), 201);
        }
        return created(send("POST", "/api/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"bench-user-password-" + i + "\",\"name\":\"Bench User " + i + "\"}"), 201);
    }

    private String createOrganization(int i) throws Exception {
        String name = "bench-" + run + "-" + i;
        if (keycloak()) {
            return created(send("POST", "/admin/realms/bench/organizations",
                    "{\"name\":\"" + name + "\",\"alias\":\"" + name + "\",\"enabled\":true,"
                            + "\"domains\":[{\"name\":\"" + name + ".example.com\"}]}"), 201);
        }
        return created(send("POST", "/api/v1/organizations", "{\"name\":\"" + name + "\"}"), 201);
    }

    private void addMember(String org, String userId) throws Exception {
        if (keycloak()) {
            created(send("POST", "/admin/realms/bench/organizations/" + org + "/members", "\"" + userId + "\""), 201);
        } else {
            created(send("POST", "/api/v1/organizations/" + org + "/members",
                    "{\"user_id\":\"" + userId + "\",\"role\":\"member\"}"), 201);
        }
    }

    private void listOrganizations(int expected) throws Exception {
        HttpResponse<String> r = keycloak() ? send("GET", "/admin/realms/bench/organizations?first=0&max=20", null)
                : send("GET", "/api/v1/organizations?per_page=20", null);
        int count = 0;
        Matcher m = ID.matcher(r.body());
        while (m.find()) {
            count++;
        }
        if (r.statusCode() != 200 || count < expected) {
            throw new IllegalStateException("list answered " + r.statusCode() + " with " + count + " ids: " + r.body());
        }
    }

    /** The new resource's id: Keycloak's from the Location header, Gatehouse's from data.id. */
    private String created(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        if (keycloak()) {
            String location = r.headers().firstValue("Location").orElse("");
            return location.substring(location.lastIndexOf('/') + 1);
        }
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + r.body());
        }
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh admin token every 30 s (Keycloak's master realm issues 60 s tokens). */
    private String token() throws Exception {
        if (token != null && System.nanoTime() - tokenAt < 30_000_000_000L) {
            return token;
        }
        HttpResponse<String> r;
        if (keycloak()) {
            String form = "grant_type=password&client_id=admin-cli&username=" + enc(user) + "&password=" + enc(password);
            r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } else {
            r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        Matcher m = Pattern.compile("\"(?:access_token|token)\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        token = m.group(1);
        tokenAt = System.nanoTime();
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
