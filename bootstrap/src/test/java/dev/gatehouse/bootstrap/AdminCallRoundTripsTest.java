package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many database round trips the admin calls of issue 19's comparison take on PostgreSQL (create
 * an organization, add a member, list organizations; as the platform admin, as the benchmark calls
 * them, and as an organization's owner). A round trip is a protocol {@code Sync} the PostgreSQL
 * driver sends (one per statement, one per JDBC batch, one per commit); it is counted on the thread
 * that serves the request, recognized by the request id in the MDC. Rate limits are off, as in the
 * comparison. The relationship index (ADR 0036) is off here: with it, reads it already holds skip the
 * database (fewer for the owner's list and add) but whether it holds them depends on how fresh its
 * feed is on a busy machine, and a count has to be exact. The session token is answered from the
 * session cache after the first call (ADR 0042: no read of the session or the user). The counts after ADR 0049 are lower only (one
 * statement per list page, a single touch with its revision, the founder's membership with the audit
 * rows, an organization read once per transaction). These are counts, not times: a change that adds a statement to one of these calls fails
 * here and has to change the count on purpose (docs/performance.md lists what each one is).
 */
class AdminCallRoundTripsTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    /** The driver's protocol logger: at FINEST it logs every message sent, a Sync as " FE=> Sync". */
    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final SyncCounter syncs = new SyncCounter();
    private Level previousLevel;

    /** Counts the driver's Syncs per request id of the sending thread's MDC. */
    private static final class SyncCounter extends Handler {
        final Map<String, AtomicInteger> byRequest = new ConcurrentHashMap<>();

        @Override
        public void publish(LogRecord r) {
            if (" FE=> Sync".equals(r.getMessage())) {
                String id = MDC.get("request_id");
                if (id != null) {
                    byRequest.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void listen() {
        previousLevel = PROTOCOL.getLevel();
        PROTOCOL.setLevel(Level.FINEST);
        syncs.setLevel(Level.FINEST);
        PROTOCOL.addHandler(syncs);
    }

    @AfterEach
    void stopListening() {
        PROTOCOL.removeHandler(syncs);
        PROTOCOL.setLevel(previousLevel);
    }

    @Test
    void adminCallsTakeABoundedNumberOfRoundTrips() throws Exception {
        try (var server = RunningServer.start(TestServers.postgres(POSTGRES),
                Map.of("gatehouse.rate-limits.enabled", false, "gatehouse.authorization.index.enabled", false))) {
            String root = server.loginAdmin();
            String[] users = new String[8];
            for (int i = 0; i < users.length; i++) {
                users[i] = server.createUser(root, "member" + i + "@example.com", "member " + i + "'s long password", "Member " + i);
            }
            String owner = server.createUser(root, "owner@example.com", "the owner's long password", "Owner");
            String ownerToken = server.http().login("owner@example.com", "the owner's long password");

            // The first call fills caches (the caller's state, the plan's limits) and the pool; of the
            // others the fewest count (a session's last use is written once a minute, on any request).
            String[] adminOrgs = new String[4];
            String[] ownerOrgs = new String[4];
            for (int i = 0; i < 4; i++) {
                adminOrgs[i] = Http.field(counted(server, "POST", "/api/v1/organizations", "{\"name\":\"Admin " + i + "\"}",
                        root, 201, "admin-create-" + i), "id");
                ownerOrgs[i] = Http.field(counted(server, "POST", "/api/v1/organizations", "{\"name\":\"Owner " + i + "\"}",
                        ownerToken, 201, "owner-create-" + i), "id");
                counted(server, "POST", "/api/v1/organizations/" + adminOrgs[i] + "/members",
                        "{\"user_id\":\"" + users[i] + "\",\"role\":\"member\"}", root, 201, "admin-add-" + i);
                counted(server, "POST", "/api/v1/organizations/" + ownerOrgs[i] + "/members",
                        "{\"user_id\":\"" + users[4 + i] + "\",\"role\":\"member\"}", ownerToken, 201, "owner-add-" + i);
                counted(server, "GET", "/api/v1/organizations?per_page=20", null, root, 200, "admin-list-" + i);
                counted(server, "GET", "/api/v1/organizations?per_page=20", null, ownerToken, 200, "owner-list-" + i);
            }
            assertThat(owner).isNotBlank();

            Map<String, Integer> last = new java.util.TreeMap<>();
            for (String call : new String[] {"admin-create", "owner-create", "admin-add", "owner-add", "admin-list", "owner-list"}) {
                last.put(call, Math.min(count(call + "-1"), Math.min(count(call + "-2"), count(call + "-3"))));
            }
            System.out.println("round trips per request: " + last);
            assertThat(last).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "admin-create", 7, "owner-create", 7, "admin-add", 8, "owner-add", 9,
                    "admin-list", 1, "owner-list", 7));
        }
    }

    private int count(String requestId) {
        AtomicInteger n = syncs.byRequest.get(requestId);
        return n == null ? 0 : n.get();
    }

    /** Sends one request with {@code X-Request-ID: id}, expects {@code status}; its body. */
    private static String counted(RunningServer server, String method, String path, String json, String token, int status,
                                  String id) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token).header("X-Request-ID", id);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        expect(r, status);
        return r.body();
    }
}
