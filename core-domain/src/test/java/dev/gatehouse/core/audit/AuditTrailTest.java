package dev.gatehouse.core.audit;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.contract.Fixtures;
import dev.gatehouse.core.memory.MemoryAuditLog;
import dev.gatehouse.core.memory.MemoryOrganizations;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {
    private final TestClock clock = new TestClock(Fixtures.T0.plus(Duration.ofDays(400)));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryAuditLog log = new MemoryAuditLog(tx);
    private final OrganizationId acme = new OrganizationId(UUID.randomUUID());
    private final Caller admin = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "root@example.com", true), Origin.none());

    private AuditTrail trail(int retentionDays) {
        var relationships = new MemoryRelationships(tx);
        var authorizer = LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), relationships, tx, clock).value();
        var organizations = new MemoryOrganizations(tx);
        return AuditTrail.wire(log, organizations::live, authorizer, new Auditor(log, clock, new SecureIdGenerator(clock)),
                tx, clock, new AuditTrail.Settings(retentionDays));
    }

    private void entries(int daysAgo, int count) {
        for (int i = 0; i < count; i++) {
            var at = clock.instant().minus(Duration.ofDays(daysAgo)).plusMillis(i);
            log.append(Fixtures.event(at, "usr_a", "thing.done", "thing", "t" + daysAgo + "_" + i, acme, null));
        }
    }

    @Test
    void purgesWhatIsOlderThanTheRetentionInBatchesAndRecordsIt() {
        entries(400, PurgeAuditEvents.BATCH + 3);
        entries(10, 2);
        assertThat(trail(365).purge().handle()).isEqualTo(PurgeAuditEvents.BATCH + 3);
        var left = log.find(AuditQuery.all(), null, 100).items();
        assertThat(left).extracting(AuditEvent::action).containsExactly("audit.purged", "thing.done", "thing.done");
        assertThat(left.get(0).actorId()).isEqualTo("system:audit-retention");
        assertThat(left.get(0).changes()).containsEntry("count", PurgeAuditEvents.BATCH + 3).containsEntry("retention_days", 365);
        assertThat(trail(365).purge().handle()).as("nothing left to purge, nothing recorded").isZero();
        assertThat(log.find(AuditQuery.all(), null, 100).items()).hasSize(3);
    }

    @Test
    void aRetentionOfZeroKeepsEverything() {
        entries(4000, 3);
        assertThat(trail(0).purge().handle()).isZero();
        assertThat(log.find(AuditQuery.all(), null, 100).items()).hasSize(3);
    }

    @Test
    void retentionOutsideItsRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditTrail.Settings(-1)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditTrail.Settings(36_501))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExportIsReadLazilyOldestFirstUpToItsStart() {
        entries(3, 1_201);
        var export = trail(365).export().handle(new ExportAuditEvents.Command(admin, new AuditQuery(acme, null, "thing.done",
                null, null, null, null), ExportAuditEvents.Format.CSV));
        assertThat(export.isOk()).isTrue();
        assertThat(export.value().query().until()).isEqualTo(clock.instant());
        entries(0, 1); // written after the export started: outside its range
        List<String> ids = new ArrayList<>();
        export.value().forEach(e -> ids.add(e.resourceId()));
        assertThat(ids).hasSize(1_201);
        assertThat(ids.get(0)).isEqualTo("t3_0");
        assertThat(ids.get(1_200)).isEqualTo("t3_1200");
        var recorded = log.find(new AuditQuery(acme, null, "audit.exported", null, null, null, null), null, 10).items();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).changes()).containsEntry("format", "csv").containsEntry("action", "thing.done");
    }

    @Test
    void onlyPlatformAdminsReadEveryOrganizationAtOnce() {
        var user = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", false), Origin.none());
        var denied = trail(365).list().handle(new ListAuditEvents.Command(user, AuditQuery.all(), null, 10));
        assertThat(denied.isOk()).isFalse();
        assertThat(denied.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        var unknown = trail(365).list().handle(new ListAuditEvents.Command(user,
                new AuditQuery(acme, null, null, null, null, null, null), null, 10));
        assertThat(unknown.failure().reason()).as("an organization the caller cannot see").isEqualTo(Reason.NOT_FOUND);
        assertThat(trail(365).list().handle(new ListAuditEvents.Command(admin, AuditQuery.all(), null, 10)).isOk()).isTrue();
    }
}
