package dev.gatehouse.core.memory;

import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage counters, leases and records in memory. Each change runs under the memory transactions'
 * write lock (joining the caller's transaction), so check-and-add, reservations and spending are
 * atomic; the undo restores the counter and the leases it touched.
 */
public final class MemoryUsageLedger implements UsageLedger {
    private record Key(OrganizationId organization, String feature, Instant periodStart) {
    }

    private record Counter(long used, int notified, long reserved) {
        Counter withUsed(long u) {
            return new Counter(u, notified, reserved);
        }
    }

    private record LeaseId(Key key, String holder) {
    }

    private record Lease(long units, Instant expiresAt) {
    }

    private static final Counter ZERO = new Counter(0, 0, 0);

    private final MemoryTransactions tx;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<LeaseId, Lease> leases = new HashMap<>();
    private final List<UsageRecord> records = new ArrayList<>();

    public MemoryUsageLedger(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling) {
        Key key = new Key(organization, feature, periodStart);
        long[] after = {-1};
        change(key, null, c -> {
            if (quantity > 0 && (quantity > ceiling || c.used() > ceiling - quantity - c.reserved())) {
                return false;
            }
            after[0] = Math.max(c.used() + quantity, 0);
            counters.put(key, c.withUsed(after[0]));
            return true;
        });
        return after[0] < 0 ? OptionalLong.empty() : OptionalLong.of(after[0]);
    }

    @Override
    public long used(OrganizationId organization, String feature, Instant periodStart) {
        return tx.read(() -> {
            Counter c = counters.get(new Key(organization, feature, periodStart));
            return c == null ? 0L : c.used();
        });
    }

    @Override
    public boolean markThreshold(OrganizationId organization, String feature, Instant periodStart, int percent) {
        Key key = new Key(organization, feature, periodStart);
        Counter[] before = {null};
        tx.write(() -> {
            Counter c = counters.get(key);
            if (c != null && c.notified() < percent) {
                before[0] = c;
                counters.put(key, new Counter(c.used(), percent, c.reserved()));
            }
        }, () -> {
            if (before[0] != null) {
                counters.computeIfPresent(key, (k, c) -> new Counter(c.used(), before[0].notified(), c.reserved()));
            }
        });
        return before[0] != null;
    }

    @Override
    public void append(UsageRecord record) {
        tx.write(() -> {
            synchronized (records) {
                records.add(record);
            }
        }, () -> {
            synchronized (records) {
                records.remove(record);
            }
        });
    }

    @Override
    public List<UsageRecord> records(OrganizationId organization, String feature, int limit) {
        return tx.read(() -> {
            synchronized (records) {
                return records.stream().filter(r -> r.organization().equals(organization) && r.feature().equals(feature))
                        .sorted(Comparator.comparing(UsageRecord::recordedAt).thenComparing(UsageRecord::id).reversed())
                        .limit(limit).toList();
            }
        });
    }

    @Override
    public long reserve(OrganizationId organization, String feature, Instant periodStart, String holder, long need, long wanted,
                        long ceiling, Instant expiresAt) {
        Key key = new Key(organization, feature, periodStart);
        LeaseId id = new LeaseId(key, holder);
        long[] granted = {0};
        change(key, id, c -> {
            long g = UsageLedger.leaseGrant(ceiling - c.used() - c.reserved(), need, wanted);
            if (g == 0) {
                return false;
            }
            granted[0] = g;
            counters.put(key, new Counter(c.used(), c.notified(), c.reserved() + g));
            Lease l = leases.get(id);
            leases.put(id, new Lease((l == null ? 0 : l.units()) + g, expiresAt));
            return true;
        });
        return granted[0];
    }

    @Override
    public OptionalLong spend(OrganizationId organization, String feature, Instant periodStart, String holder,
                              List<UsageRecord> batch, Instant expiresAt) {
        Key key = new Key(organization, feature, periodStart);
        LeaseId id = new LeaseId(key, holder);
        long n = batch.stream().mapToLong(UsageRecord::quantity).sum();
        long[] after = {-1};
        change(key, id, c -> {
            Lease l = leases.get(id);
            if (l == null || l.units() < n) {
                return false;
            }
            leases.put(id, new Lease(l.units() - n, expiresAt));
            after[0] = c.used() + n;
            counters.put(key, new Counter(after[0], c.notified(), c.reserved() - n));
            return true;
        });
        if (after[0] < 0) {
            return OptionalLong.empty();
        }
        batch.forEach(this::append);
        return OptionalLong.of(after[0]);
    }

    @Override
    public long release(OrganizationId organization, String feature, Instant periodStart, String holder, long units) {
        Key key = new Key(organization, feature, periodStart);
        LeaseId id = new LeaseId(key, holder);
        long[] back = {0};
        change(key, id, c -> {
            Lease l = leases.get(id);
            if (l == null) {
                return false;
            }
            back[0] = Math.min(units, l.units());
            if (l.units() - back[0] == 0) {
                leases.remove(id);
            } else {
                leases.put(id, new Lease(l.units() - back[0], l.expiresAt()));
            }
            counters.put(key, new Counter(c.used(), c.notified(), c.reserved() - back[0]));
            return true;
        });
        return back[0];
    }

    @Override
    public long reclaimExpired(OrganizationId organization, String feature, Instant periodStart, Instant now) {
        Key key = new Key(organization, feature, periodStart);
        Map<LeaseId, Lease> before = new HashMap<>();
        long[] back = {0};
        tx.write(() -> {
            leases.entrySet().removeIf(e -> {
                if (e.getKey().key().equals(key) && e.getValue().expiresAt().isBefore(now)) {
                    before.put(e.getKey(), e.getValue());
                    back[0] += e.getValue().units();
                    return true;
                }
                return false;
            });
            if (!before.isEmpty()) {
                Counter c = counters.get(key);
                counters.put(key, new Counter(c.used(), c.notified(), c.reserved() - back[0]));
            }
        }, () -> {
            if (!before.isEmpty()) {
                leases.putAll(before);
                Counter c = counters.get(key);
                counters.put(key, new Counter(c.used(), c.notified(), c.reserved() + back[0]));
            }
        });
        return back[0];
    }

    /** Runs {@code step} on the counter (zero when missing); when it returns true, undo restores the counter and the lease. */
    private void change(Key key, LeaseId lease, java.util.function.Predicate<Counter> step) {
        Counter[] counterBefore = {null};
        Lease[] leaseBefore = {null};
        boolean[] changed = {false};
        tx.write(() -> {
            counterBefore[0] = counters.get(key);
            leaseBefore[0] = lease == null ? null : leases.get(lease);
            changed[0] = step.test(counterBefore[0] == null ? ZERO : counterBefore[0]);
        }, () -> {
            if (!changed[0]) {
                return;
            }
            if (counterBefore[0] == null) {
                counters.remove(key);
            } else {
                counters.put(key, counterBefore[0]);
            }
            if (lease != null) {
                if (leaseBefore[0] == null) {
                    leases.remove(lease);
                } else {
                    leases.put(lease, leaseBefore[0]);
                }
            }
        });
    }
}
