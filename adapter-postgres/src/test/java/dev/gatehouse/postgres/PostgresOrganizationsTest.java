package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.OrganizationsContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.OrganizationSettings;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Slug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link Organizations} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresOrganizationsTest extends OrganizationsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected Organizations organizations() {
        return BEANS.fresh(TenancyStores.class).organizations();
    }

    /**
     * A transaction remembers the organizations it read (the guard's and the seat's read are one
     * round trip), but never past this store's own writes of them: each read after an add, a rename
     * or a delete in the same transaction sees that write.
     */
    @Test
    void aTransactionReadsItsOwnWritesOfAnOrganization() {
        Organizations orgs = BEANS.fresh(TenancyStores.class).organizations();
        Transactions tx = BEANS.bean(Transactions.class);
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Organization a = Organization.create(new OrganizationId(UUID.randomUUID()), "A", Slug.parse("remembered").orElseThrow(),
                OrganizationSettings.DEFAULTS, now);
        Organization renamed = a.changed("Renamed", Slug.parse("renamed").orElseThrow(), OrganizationSettings.DEFAULTS, now);
        String seen = tx.inTransaction(() -> {
            StringBuilder reads = new StringBuilder(orgs.byId(a.id()).map(Organization::name).orElse("none"));
            assertThat(orgs.add(a)).isTrue();
            reads.append(',').append(orgs.byId(a.id()).map(Organization::name).orElse("none"));
            assertThat(orgs.update(renamed)).isTrue();
            reads.append(',').append(orgs.byId(a.id()).map(Organization::name).orElse("none"));
            reads.append(',').append(orgs.byId(a.id()).map(Organization::name).orElse("none"));
            assertThat(orgs.update(renamed.deleted(now))).isTrue();
            return reads.append(',').append(orgs.byId(a.id()).map(Organization::name).orElse("none")).toString();
        });
        assertThat(seen).isEqualTo("none,A,Renamed,Renamed,none");
        assertThat(orgs.byId(a.id())).isEmpty();
    }

    /**
     * Two renames to one slug both pass the "not taken" check; the loser meets the unique index. It
     * must answer "taken" (false) and leave its transaction usable, not fail it (a 500 upstream).
     */
    @Test
    void aConcurrentRenameToTheSameSlugAnswersTakenWithoutBreakingTheTransaction() throws Exception {
        Organizations orgs = BEANS.fresh(TenancyStores.class).organizations();
        Transactions tx = BEANS.bean(Transactions.class);
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Organization a = Organization.create(new OrganizationId(UUID.randomUUID()), "A", Slug.parse("first").orElseThrow(),
                OrganizationSettings.DEFAULTS, now);
        Organization b = Organization.create(new OrganizationId(UUID.randomUUID()), "B", Slug.parse("second").orElseThrow(),
                OrganizationSettings.DEFAULTS, now);
        assertThat(orgs.add(a)).isTrue();
        assertThat(orgs.add(b)).isTrue();
        Slug same = Slug.parse("same").orElseThrow();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch renamed = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            Future<Boolean> first = pool.submit(() -> tx.inTransaction(() -> {
                boolean updated = orgs.update(a.changed("A", same, OrganizationSettings.DEFAULTS, now));
                renamed.countDown();
                try {
                    assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return updated;
            }));
            assertThat(renamed.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> second = pool.submit(() -> tx.inTransaction(() -> {
                boolean updated = orgs.update(b.changed("B", same, OrganizationSettings.DEFAULTS, now));
                // The transaction is still usable after the expected "taken".
                return updated + ":" + orgs.byId(b.id()).orElseThrow().slug().value();
            }));
            awaitALockWait();
            commit.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("false:second");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Until the second rename waits for the first's uncommitted index entry (polled, bounded). */
    private static void awaitALockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (var c = BEANS.database().connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the second rename never waited for the first");
    }
}
