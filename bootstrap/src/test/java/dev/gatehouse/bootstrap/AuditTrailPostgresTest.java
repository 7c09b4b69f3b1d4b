package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.ExportAuditEvents;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant's audit trail on PostgreSQL: an organization's owner exports 100,000 entries, streamed
 * (read slice by slice, never the whole range at once), another tenant's owner cannot; retention
 * deletes what is older than the retention period and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailPostgresTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final int EVENTS = 100_000;
    private static final String ROOT = "root@example.com";
    private static final String ROOT_PASSWORD = "a long admin password";

    private EmbeddedServer server;
    private Http http;
    private String owner;
    private String outsider;
    private String org;
    /** The bulk entries start 30 days ago at midnight, one per millisecond: well inside the retention period. */
    private final Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(30));

    @BeforeAll
    void serverWithAHundredThousandEntries() throws Exception {
        var db = POSTGRES.database();
        server = GatehouseServer.start(TestServers.config("postgres", POSTGRES),
                Map.of("gatehouse.admin.email", ROOT, "gatehouse.admin.password", ROOT_PASSWORD));
        http = new Http(server.getURL().toString());
        String root = http.login(ROOT, ROOT_PASSWORD);
        for (String name : List.of("owner", "outsider")) {
            var created = http.post("/api/v1/users", "{\"email\":\"" + name + "@example.com\",\"password\":\"the password of "
                    + name + "\",\"name\":\"" + name + "\"}", root);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        owner = http.login("owner@example.com", "the password of owner");
        outsider = http.login("outsider@example.com", "the password of outsider");
        var created = http.post("/api/v1/organizations", "{\"name\":\"Acme\"}", owner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        org = Http.field(created.body(), "id");
        assertThat(http.post("/api/v1/organizations", "{\"name\":\"Elsewhere\"}", outsider).statusCode()).isEqualTo(201);

        UUID orgUuid = OrganizationId.parse(org).orElseThrow().value();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, "
                    + "resource_type, resource_id, organization_id, changes) VALUES (?, ?, 'user', 'usr_bulk', 'thing.done', 'thing', ?, ?, "
                    + "'{}'::jsonb)")) {
                for (int i = 0; i < EVENTS; i++) {
                    Instant at = base.plusMillis(i);
                    ps.setObject(1, timeOrdered(at, i));
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setString(3, "thing_" + i);
                    ps.setObject(4, orgUuid);
                    ps.addBatch();
                    if (i % 5_000 == 4_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** A UUIDv7-shaped id whose order is the time order, like the ids Gatehouse writes. */
    private static UUID timeOrdered(Instant at, int sequence) {
        long ms = at.toEpochMilli();
        long high = (ms << 16) | 0x7000L | (sequence & 0x0fff);
        long low = 0x8000000000000000L | (sequence & 0x3fffffffffffffffL);
        return new UUID(high, low);
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void theOwnerExportsAHundredThousandEntriesStreamedOldestFirst() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/audit-events/export?organization_id=" + org
                        + "&action=thing.done&since=" + base + "&until=" + base.plus(Duration.ofDays(1))))
                .header("Authorization", "Bearer " + owner).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-ndjson");
        assertThat(response.headers().firstValue("Content-Length")).as("streamed: its length is not known up front").isEmpty();
        int lines = 0;
        String first = null;
        String last = null;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (first == null) {
                    first = line;
                }
                last = line;
                lines++;
            }
        }
        assertThat(lines).isEqualTo(EVENTS);
        assertThat(first).contains("\"resource\":{\"type\":\"thing\",\"id\":\"thing_0\"}");
        assertThat(last).contains("\"id\":\"thing_" + (EVENTS - 1) + "\"");

        var csv = http.get("/api/v1/audit-events/export?format=csv&organization_id=" + org
                + "&action=thing.done&since=" + base.plusSeconds(60) + "&until=" + base.plusSeconds(61), owner);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(1 + 1000); // a header and one second of entries (one per ms)
    }

    @Test
    void theExportReadsTheStoreSliceBySliceAsItIsConsumed() {
        Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
        var p = gatehouse.platform();
        CountingLog counting = new CountingLog(gatehouse.stores().platform().auditLog());
        AuditTrail trail = AuditTrail.wire(counting, gatehouse.stores().tenancy().organizations()::live, p.authorizer(), gatehouse.audit().auditor(), p.transactions(),
                p.clock(), AuditTrail.Settings.defaults());
        var export = trail.export().handle(new ExportAuditEvents.Command(ownerCaller(), new AuditQuery(
                OrganizationId.parse(org).orElseThrow(), null, "thing.done", null, null, null, null), ExportAuditEvents.Format.NDJSON));
        assertThat(export.isOk()).as(() -> export.failure().toString()).isTrue();
        var events = export.value().iterator();
        assertThat(counting.slices.get()).as("nothing is read before the first entry is asked for").isZero();
        assertThat(events.next().resourceId()).isEqualTo("thing_0");
        assertThat(counting.slices.get()).as("the first entry needs one slice").isEqualTo(1);
        int seen = 1;
        while (events.hasNext()) {
            events.next();
            seen++;
        }
        assertThat(seen).isEqualTo(EVENTS);
        assertThat(counting.largestSlice).as("no read holds more than one slice").isEqualTo(ExportAuditEvents.SLICE);
        assertThat(counting.slices.get()).isEqualTo(EVENTS / ExportAuditEvents.SLICE + 1);
    }

    @Test
    void anotherTenantsOwnerCannotReadOrExportIt() throws Exception {
        assertThat(http.get("/api/v1/audit-events?organization_id=" + org, outsider).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/audit-events/export?organization_id=" + org, outsider).statusCode()).isEqualTo(404);
        var own = http.get("/api/v1/audit-events?organization_id=" + org + "&action=organization.created", owner);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("organization.created");
    }

    @Test
    void retentionDeletesWhatIsOlderThanTheRetentionPeriodAndRecordsIt() throws Exception {
        Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
        var p = gatehouse.platform();
        Instant now = p.clock().instant();
        UUID orgUuid = OrganizationId.parse(org).orElseThrow().value();
        var db = POSTGRES.database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, "
                     + "resource_type, organization_id, changes) VALUES (?, ?, 'user', 'usr_old', 'old.thing', 'thing', ?, '{}'::jsonb)")) {
            for (int days : new int[]{400, 366, 364}) {
                Instant at = now.minus(Duration.ofDays(days));
                ps.setObject(1, timeOrdered(at, days));
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setObject(3, orgUuid);
                ps.executeUpdate();
            }
        }
        var trail = server.getApplicationContext().getBean(dev.gatehouse.core.audit.AuditUseCases.class);
        assertThat(trail.purge().handle()).as("the two entries past 365 days").isEqualTo(2);
        String root = http.login(ROOT, ROOT_PASSWORD);
        var old = http.get("/api/v1/audit-events?action=old.thing", root);
        assertThat(old.body()).contains("usr_old");
        assertThat(old.body().split("\"old.thing\"", -1)).as("one left").hasSize(2);
        var purged = http.get("/api/v1/audit-events?action=audit.purged", root);
        assertThat(purged.body()).contains("\"count\":2").contains("\"retention_days\":365");
        assertThat(http.get("/api/v1/audit-events?organization_id=" + org + "&action=thing.done&limit=1", owner).body())
                .as("the recent entries stay").contains("thing_");
    }

    private Caller ownerCaller() {
        Gatehouse gatehouse = server.getApplicationContext().getBean(Gatehouse.class);
        var email = dev.gatehouse.core.identity.Email.parse("owner@example.com").orElseThrow();
        var user = gatehouse.platform().transactions().readOnly(() -> gatehouse.stores().identity().users().byEmail(email)).orElseThrow();
        return new Caller(new Principal.User(user.id(), "owner@example.com", false), Origin.none());
    }

    /** Counts the slices an export reads and remembers the largest. */
    private static final class CountingLog implements AuditLog {
        private final AuditLog inner;
        final AtomicInteger slices = new AtomicInteger();
        volatile int largestSlice;

        CountingLog(AuditLog inner) {
            this.inner = inner;
        }

        @Override
        public void append(AuditEvent event) {
            inner.append(event);
        }

        @Override
        public CursorPage<AuditEvent> find(AuditQuery query, EventId after, int limit) {
            return inner.find(query, after, limit);
        }

        @Override
        public Optional<AuditEvent> byId(EventId id) {
            return inner.byId(id);
        }

        @Override
        public List<AuditEvent> slice(AuditQuery query, EventId after, int limit) {
            List<AuditEvent> found = new ArrayList<>(inner.slice(query, after, limit));
            slices.incrementAndGet();
            largestSlice = Math.max(largestSlice, found.size());
            return found;
        }

        @Override
        public int purgeBefore(Instant cutoff, int limit) {
            return inner.purgeBefore(cutoff, limit);
        }
    }
}
