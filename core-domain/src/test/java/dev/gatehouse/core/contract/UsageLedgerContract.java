package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link UsageLedger} shows: counting within a ceiling, releases, thresholds
 * marked once, records, rollback, and the race: 64 writers against a limit grant exactly the limit.
 */
public abstract class UsageLedgerContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000021"));
    static final OrganizationId GLOBEX = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000022"));
    static final Instant JAN = Instant.parse("2026-01-15T10:30:00Z");
    static final Instant FEB = Instant.parse("2026-02-15T10:30:00Z");

    /** An empty ledger, and the transactions it takes part in. */
    protected abstract UsageLedger ledger();

    protected abstract Transactions tx();

    private UsageLedger ledger;

    @BeforeEach
    void fresh() {
        ledger = ledger();
    }

    private OptionalLong add(OrganizationId org, String feature, Instant period, long q, long ceiling) {
        return tx().inTransaction(() -> ledger.add(org, feature, period, q, ceiling));
    }

    @Test
    void countsFromZeroAndAnswersTheNewValue() {
        assertThat(ledger.used(ACME, "api_calls", JAN)).isZero();
        assertThat(add(ACME, "api_calls", JAN, 3, 10)).hasValue(3);
        assertThat(add(ACME, "api_calls", JAN, 7, 10)).hasValue(10);
        assertThat(ledger.used(ACME, "api_calls", JAN)).isEqualTo(10);
    }

    @Test
    void refusesWhatWouldPassTheCeilingAndChangesNothing() {
        add(ACME, "api_calls", JAN, 8, 10);
        assertThat(add(ACME, "api_calls", JAN, 3, 10)).isEmpty();
        assertThat(ledger.used(ACME, "api_calls", JAN)).isEqualTo(8);
        assertThat(add(ACME, "posts", JAN, 11, 10)).as("a first use above the ceiling").isEmpty();
        assertThat(ledger.used(ACME, "posts", JAN)).isZero();
        assertThat(add(ACME, "storage", JAN, Long.MAX_VALUE - 1, Long.MAX_VALUE)).hasValue(Long.MAX_VALUE - 1);
        assertThat(add(ACME, "storage", JAN, 5, Long.MAX_VALUE)).as("no overflow past the ceiling").isEmpty();
    }

    @Test
    void releasesAlwaysApplyAndStopAtZero() {
        add(ACME, "members", Instant.EPOCH, 5, 10);
        assertThat(add(ACME, "members", Instant.EPOCH, -2, 1)).as("even above a lowered ceiling").hasValue(3);
        assertThat(add(ACME, "members", Instant.EPOCH, -10, 10)).hasValue(0);
        assertThat(add(GLOBEX, "members", Instant.EPOCH, -1, 10)).hasValue(0);
    }

    @Test
    void keepsOneCounterPerOrganizationFeatureAndPeriod() {
        add(ACME, "api_calls", JAN, 4, 100);
        add(ACME, "api_calls", FEB, 1, 100);
        add(ACME, "seo_reports", JAN, 2, 100);
        add(GLOBEX, "api_calls", JAN, 9, 100);
        assertThat(ledger.used(ACME, "api_calls", JAN)).isEqualTo(4);
        assertThat(ledger.used(ACME, "api_calls", FEB)).isEqualTo(1);
        assertThat(ledger.used(ACME, "seo_reports", JAN)).isEqualTo(2);
        assertThat(ledger.used(GLOBEX, "api_calls", JAN)).isEqualTo(9);
    }

    @Test
    void marksEachThresholdOncePerCounter() {
        add(ACME, "api_calls", JAN, 9, 10);
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", JAN, 80))).isTrue();
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", JAN, 80))).isFalse();
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", JAN, 100))).isTrue();
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", JAN, 80))).as("below the mark").isFalse();
        add(ACME, "api_calls", FEB, 9, 10);
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", FEB, 80))).as("a new period").isTrue();
        assertThat(ledger.used(ACME, "api_calls", JAN)).as("marking leaves the count").isEqualTo(9);
    }

    @Test
    void keepsRecordsWithTheirMetadataNewestFirst() {
        UsageRecord first = new UsageRecord(idAt(at(0)), ACME, "api_calls", 2,
                Map.of("endpoint", "/api/v1/posts", "attempt", 1, "tags", List.of("a", "b")), "key_x", at(0));
        UsageRecord second = new UsageRecord(idAt(at(1)), ACME, "api_calls", 1, Map.of(), "usr_y", at(1));
        UsageRecord other = new UsageRecord(idAt(at(2)), GLOBEX, "api_calls", 1, Map.of(), "usr_y", at(2));
        tx().inTransaction(() -> {
            ledger.append(first);
            ledger.append(second);
            ledger.append(other);
            return null;
        });
        List<UsageRecord> records = ledger.records(ACME, "api_calls", 10);
        assertThat(records).extracting(UsageRecord::id).containsExactly(second.id(), first.id());
        UsageRecord back = records.get(1);
        assertThat(back.quantity()).isEqualTo(2);
        assertThat(back.metadata()).containsEntry("endpoint", "/api/v1/posts").containsEntry("attempt", 1)
                .containsEntry("tags", List.of("a", "b"));
        assertThat(back.recordedBy()).isEqualTo("key_x");
        assertThat(back.recordedAt()).isEqualTo(at(0));
        assertThat(ledger.records(ACME, "api_calls", 1)).hasSize(1);
    }

    @Test
    void aFailedTransactionLeavesNeitherCountNorRecord() {
        Result<Object> r = tx().inTransaction(() -> {
            ledger.append(new UsageRecord(idAt(at(0)), ACME, "api_calls", 1, Map.of(), "usr_y", at(0)));
            ledger.add(ACME, "api_calls", JAN, 1, 10);
            ledger.markThreshold(ACME, "api_calls", JAN, 80);
            return Result.fail(Failure.conflict("no"));
        });
        assertThat(r.isOk()).isFalse();
        assertThat(ledger.used(ACME, "api_calls", JAN)).isZero();
        assertThat(ledger.records(ACME, "api_calls", 10)).isEmpty();
        add(ACME, "api_calls", JAN, 9, 10);
        assertThat(tx().inTransaction(() -> ledger.markThreshold(ACME, "api_calls", JAN, 80))).isTrue();
    }

    /**
     * 64 threads race to record one unit each, in transactions like the use case's (record, then the
     * conditional count), against a limit of {@code L}: exactly {@code L} are granted and counted.
     */
    @Test
    void sixtyFourRacingWritersGetExactlyTheLimit() throws Exception {
        int writers = 64;
        long limit = 23;
        List<Boolean> granted = Race.run(writers, writers, n -> () -> tx().inTransaction(() -> {
            ledger.append(new UsageRecord(UUID.randomUUID(), ACME, "api_calls", 1, Map.of("n", n), "usr_" + n,
                    JAN.plusMillis(n)));
            OptionalLong after = ledger.add(ACME, "api_calls", JAN, 1, limit);
            return after.isPresent() ? Result.ok(after.getAsLong()) : Result.<Long>fail(Failure.conflict("full"));
        }).isOk());
        assertThat(granted).filteredOn(g -> g).hasSize((int) limit);
        assertThat(ledger.used(ACME, "api_calls", JAN)).isEqualTo(limit);
        assertThat(ledger.records(ACME, "api_calls", 1000)).hasSize((int) limit);
    }
}
