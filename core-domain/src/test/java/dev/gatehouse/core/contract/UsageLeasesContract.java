package dev.gatehouse.core.contract;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.entitlements.Period;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.UsageLeases;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.memory.MemoryEventOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.OrganizationSettings;
import dev.gatehouse.core.tenancy.Slug;
import dev.gatehouse.core.testing.Queued;
import dev.gatehouse.core.testing.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quota leases with group commit ({@link UsageLeases}, ADR 0039) over a store: two instances (two
 * lease holders on one store) racing for the last units get exactly those units; a crashed
 * instance's lease is reclaimed once its time to live has passed on a clock the test moves, and the
 * crashed instance can no longer spend it; a changed limit and shutdown give unspent units back.
 */
public abstract class UsageLeasesContract {
    private static final String FEATURE = "api_calls";
    private static final Duration TTL = Duration.ofSeconds(10);

    /** An empty ledger. */
    protected abstract UsageLedger ledger();

    /** The overrides of the same store. */
    protected abstract EntitlementOverrides overrides();

    protected abstract Transactions tx();

    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private UsageLedger ledger;
    private EntitlementOverrides overrides;
    private Entitlements engine;
    private Organization org;

    @BeforeEach
    void fresh() {
        ledger = ledger();
        overrides = overrides();
        org = Organization.create(new OrganizationId(UUID.randomUUID()), "Acme", new Slug("acme"), OrganizationSettings.DEFAULTS,
                clock.instant().minus(Duration.ofDays(3)));
        engine = new Entitlements(PlanCatalog.bundled(), null, overrides, ledger,
                new Events(new MemoryEventOutbox(new MemoryTransactions()), clock, new dev.gatehouse.core.shared.SecureIdGenerator(clock)), clock, "https://example.com/up");
    }

    private void limit(long units) {
        tx().inTransaction(() -> {
            overrides.put(new EntitlementOverride(org.id(), FEATURE, new Allowance(true, units, Period.MONTH, false), clock.instant(), "test"));
            return null;
        });
    }

    private UsageLeases instance() {
        return new UsageLeases(engine, tx(), clock, new UsageLeases.Settings(TTL, 4096));
    }

    private boolean record(UsageLeases instance, long quantity) {
        return instance.record(engine.resolve(org, FEATURE).orElseThrow(), new UsageRecord(UUID.randomUUID(), org.id(), FEATURE,
                quantity, Map.of("q", quantity), "usr_test", clock.instant())).allowed();
    }

    private Instant period() {
        return engine.resolve(org, FEATURE).orElseThrow().window().start();
    }

    private long used() {
        return ledger.used(org.id(), FEATURE, period());
    }

    private long recorded() {
        return ledger.records(org.id(), FEATURE, 100_000).stream().mapToLong(UsageRecord::quantity).sum();
    }

    /** Whether {@code quantity} more fit below {@code ceiling} counting every lease: with used known, this shows what is reserved. */
    private boolean fits(long quantity, long ceiling) {
        return tx().inTransaction(() -> ledger.add(org.id(), FEATURE, period(), quantity, ceiling)).isPresent();
    }

    @Test
    void twoInstancesRacingForTheLastUnitsGetExactlyThoseUnits() throws Exception {
        long remaining = 100;
        limit(remaining);
        UsageLeases a = instance();
        UsageLeases b = instance();
        // 16 writers, 8 on each instance, each recording until it is refused.
        List<Integer> grants = Race.run(16, 16, n -> () -> {
            UsageLeases mine = n % 2 == 0 ? a : b;
            int granted = 0;
            while (record(mine, 1)) {
                granted++;
            }
            return granted;
        });
        assertThat(grants.stream().mapToInt(Integer::intValue).sum()).as("granted").isEqualTo(remaining);
        assertThat(used()).isEqualTo(remaining);
        assertThat(recorded()).as("stored records").isEqualTo(remaining);
        a.close();
        b.close();
        assertThat(fits(1, remaining + 1)).as("after release nothing is reserved").isTrue();
        assertThat(used()).isEqualTo(remaining + 1);
    }

    @Test
    void aCrashedInstancesLeaseIsReclaimedAfterItsTimeToLiveAndCannotBeSpentThen() {
        limit(800);
        UsageLeases crashed = instance();
        UsageLeases survivor = instance();
        assertThat(record(crashed, 1)).isTrue();
        assertThat(record(survivor, 793)).as("the crashed instance's lease still holds units").isFalse();

        clock.advance(TTL.plusSeconds(1));
        assertThat(record(survivor, 793)).as("reclaimed after its time to live").isTrue();
        assertThat(used()).isEqualTo(794);

        // The "crashed" instance comes back believing it still holds its lease: the store refuses the
        // spend, it reserves again from what is really left.
        int granted = 0;
        while (record(crashed, 1)) {
            granted++;
        }
        assertThat(granted).isEqualTo(6);
        assertThat(record(survivor, 1)).isFalse();
        assertThat(used()).as("no over-grant").isEqualTo(800);
        assertThat(recorded()).isEqualTo(800);
    }

    @Test
    void aChangedLimitGivesTheLeaseBack() {
        limit(800);
        UsageLeases a = instance();
        UsageLeases b = instance();
        assertThat(record(a, 1)).isTrue();
        limit(10);
        assertThat(record(b, 8)).as("a still holds units reserved under the old limit").isFalse();
        assertThat(record(a, 1)).isTrue();
        assertThat(record(b, 8)).as("a gave them back when it saw the new limit").isTrue();
        assertThat(record(a, 1)).isFalse();
        assertThat(used()).isEqualTo(10);
    }

    @Test
    void closeAndIdleSweepsGiveUnspentUnitsBack() {
        limit(800);
        UsageLeases a = instance();
        assertThat(record(a, 1)).isTrue();
        assertThat(fits(799, 800)).as("the lease holds units").isFalse();
        a.close();
        assertThat(fits(799, 800)).isTrue();

        UsageLeases b = instance();
        limit(1_000);
        assertThat(record(b, 1)).isTrue();
        b.sweep();
        assertThat(fits(199, 1_000)).as("a lease just used is kept").isFalse();
        clock.advance(TTL.dividedBy(2).plusSeconds(1));
        b.sweep();
        assertThat(fits(199, 1_000)).as("an idle lease is given back").isTrue();
    }

    /**
     * When the store does not answer, recorders of one feature queue on its lease: each must not then
     * wait out its own timeout in turn. A recorder that waited for a failing reservation fails with it
     * at once; one that comes after the failure asks the store again.
     */
    @Test
    void recordersWaitingForAReservationShareTheFailureOfTheCallTheyWaitedFor() throws Exception {
        limit(800);
        CountDownLatch inStore = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger reservations = new AtomicInteger();
        RuntimeException down = new IllegalStateException("the store did not answer in time");
        UsageLedger hanging = (UsageLedger) Proxy.newProxyInstance(UsageLedger.class.getClassLoader(), new Class<?>[] {UsageLedger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("reserve") && reservations.incrementAndGet() == 1) {
                        inStore.countDown();
                        answer.await();
                        throw down;
                    }
                    try {
                        return method.invoke(ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Entitlements hangingEngine = new Entitlements(PlanCatalog.bundled(), null, overrides, hanging,
                new Events(new MemoryEventOutbox(new MemoryTransactions()), clock, new dev.gatehouse.core.shared.SecureIdGenerator(clock)), clock, "https://example.com/up");
        // No transaction around the store calls: the memory store's would hold its one lock while the call hangs.
        Transactions direct = new Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return work.get();
            }
        };
        UsageLeases a = new UsageLeases(hangingEngine, direct, clock, new UsageLeases.Settings(TTL, 4096));
        Runnable one = () -> a.record(hangingEngine.resolve(org, FEATURE).orElseThrow(),
                new UsageRecord(UUID.randomUUID(), org.id(), FEATURE, 1, Map.of(), "usr_test", clock.instant()));
        Queued first = Queued.start(one);
        assertThat(inStore.await(30, TimeUnit.SECONDS)).isTrue();
        Queued waiter = Queued.behindALock(one);
        answer.countDown();
        RuntimeException failure = first.failure();
        assertThat(failure).isNotNull();
        assertThat(waiter.failure()).as("the waiter fails with the call it waited for").isSameAs(failure);
        assertThat(reservations).as("without asking the store again").hasValue(1);
        one.run();
        assertThat(reservations).as("a later recorder asks again").hasValue(2);
        assertThat(used()).isEqualTo(1);
        a.close();
    }

    @Test
    void leasesTakeAtMostAnEighthOfWhatIsLeft() {
        assertThat(UsageLedger.leaseGrant(800, 1, 4096)).isEqualTo(100);
        assertThat(UsageLedger.leaseGrant(800, 1, 16)).isEqualTo(16);
        assertThat(UsageLedger.leaseGrant(7, 3, 4096)).as("at least what is needed").isEqualTo(3);
        assertThat(UsageLedger.leaseGrant(2, 3, 4096)).as("nothing when too few are left").isZero();
    }
}
