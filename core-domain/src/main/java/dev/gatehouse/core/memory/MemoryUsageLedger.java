package dev.gatehouse.core.memory;

import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.entitlements.UsageRecord;
import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage counters and records in memory. Each change runs under the memory transactions' write lock
 * (joining the caller's transaction), so check-and-add is atomic.
 */
public final class MemoryUsageLedger implements UsageLedger {
    private record Key(OrganizationId organization, String feature, Instant periodStart) {
    }

    private record Counter(long used, int notified) {
    }

    private final MemoryTransactions tx;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final List<UsageRecord> records = new ArrayList<>();

    public MemoryUsageLedger(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling) {
        Key key = new Key(organization, feature, periodStart);
        long[] after = {-1};
        Counter[] before = {null};
        tx.write(() -> {
            Counter current = counters.get(key);
            long used = current == null ? 0 : current.used();
            if (quantity > 0 && (quantity > ceiling || used > ceiling - quantity)) {
                return;
            }
            before[0] = current;
            after[0] = Math.max(used + quantity, 0);
            counters.put(key, new Counter(after[0], current == null ? 0 : current.notified()));
        }, () -> {
            if (after[0] < 0) {
                return;
            }
            if (before[0] == null) {
                counters.remove(key);
            } else {
                counters.put(key, before[0]);
            }
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
                counters.put(key, new Counter(c.used(), percent));
            }
        }, () -> {
            if (before[0] != null) {
                counters.computeIfPresent(key, (k, c) -> new Counter(c.used(), before[0].notified()));
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
}
