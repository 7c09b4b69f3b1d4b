package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.SharedFailure;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Recorded usage through per-instance quota leases and group commits (ADR 0039). This instance
 * reserves a block of a counter's units in one statement ({@link UsageLedger#reserve}), grants from
 * it in memory under the lease's lock, and writes the records of many callers in one transaction
 * ({@link UsageLedger#spend}), which moves their units from the lease to the counter's {@code used};
 * each caller is answered only after the transaction that stored its record has committed.
 *
 * <ul>
 *   <li><b>No over-grant</b>: the store keeps {@code used + reserved <= ceiling} and spends only units
 *       the lease still holds, so a lease given back or reclaimed is never spent (its callers are not
 *       answered yet: they are granted again or refused). Clocks play no part in this.</li>
 *   <li><b>Exact usage</b>: {@code used} is the sum of the stored records; leased units are not in it.</li>
 *   <li><b>Release</b>: unspent units go back when the limit a caller resolved differs from the one the
 *       lease was reserved under, when a lease idles for half its time to live ({@link #sweep}), and on
 *       {@link #close()}. A crashed instance's lease is reclaimed by any other one that runs short,
 *       once the lease's time to live has passed: until then at most that lease's units are refused
 *       although unused (the bounded under-grant).</li>
 *   <li><b>Sizes</b>: a lease asks for more (up to {@link Settings#maxLease}) while it is used up
 *       quickly and for less while it is not; the store never gives more than an eighth of what is left
 *       ({@link UsageLedger#leaseGrant}), so near the limit leases hold few units.</li>
 * </ul>
 */
public final class UsageLeases implements AutoCloseable {
    /** At most this many records are stored by one transaction. */
    static final int MAX_BATCH = 512;
    /** A caller whose lease is lost this many times in a row gets a failure (503), not a wrong answer. */
    private static final int MAX_ATTEMPTS = 8;

    /**
     * @param ttl      how long a lease lives without being renewed (each reservation and commit renews it)
     * @param maxLease the most units one reservation asks for
     */
    public record Settings(Duration ttl, long maxLease) {
        public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

        public Settings {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero() || maxLease < 1) {
                throw new IllegalArgumentException("a lease needs a positive time to live and size");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_TTL, 4096);
        }
    }

    private record Key(OrganizationId organization, String feature, Instant periodStart) {
    }

    /** One granted record waiting for its commit. */
    private static final class Pending {
        final UsageRecord record;
        final Entitlements.Resolved resolved;
        volatile boolean done;
        long usedAfter;
        boolean lost;
        RuntimeException failure;

        Pending(UsageRecord record, Entitlements.Resolved resolved) {
            this.record = record;
            this.resolved = resolved;
        }
    }

    /** This instance's lease of one counter. Fields guarded by its monitor; commits by {@link #flush}. */
    private static final class Lease {
        final Key key;
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        final ReentrantLock flush = new ReentrantLock();
        long left;
        long ceiling = -1;
        long size = 16;
        Instant reservedAt = Instant.EPOCH;
        Instant usedAt = Instant.EPOCH;
        boolean retired;
        /** The failure of the last store call made under the monitor, for those who waited for it. */
        final SharedFailure failed = new SharedFailure();

        Lease(Key key) {
            this.key = key;
        }
    }

    private final Entitlements entitlements;
    private final UsageLedger ledger;
    private final Transactions tx;
    private final Clock clock;
    private final Settings settings;
    private final String holder = "instance-" + UUID.randomUUID();
    private final Map<Key, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();

    public UsageLeases(Entitlements entitlements, Transactions tx, Clock clock, Settings settings) {
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.ledger = Objects.requireNonNull(entitlements.ledger(), "ledger");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The name this instance's leases are held under. */
    public String holder() {
        return holder;
    }

    /**
     * Grants and stores one record of a positive quantity for the organization's resolved allowance;
     * returns once the record is committed (granted) or refused (nothing stored).
     */
    public Entitlements.Decision record(Entitlements.Resolved r, UsageRecord record) {
        if (record.quantity() <= 0) {
            throw new IllegalArgumentException("only positive quantities are leased");
        }
        if ((records.incrementAndGet() & 4095) == 0) {
            sweep();
        }
        Key key = new Key(record.organization(), record.feature(), r.window().start());
        for (int attempt = 1; ; attempt++) {
            Lease lease = leases.computeIfAbsent(key, Lease::new);
            Pending p = new Pending(record, r);
            long arrival = lease.failed.arrival();
            synchronized (lease) {
                if (lease.retired) {
                    continue;
                }
                if (!grant(lease, record.quantity(), r.allowance().ceiling(), arrival)) {
                    return entitlements.refused(r, underMonitor(lease, () -> tx.readOnly(() -> ledger.used(key.organization(), key.feature(), key.periodStart()))));
                }
                lease.queue.add(p);
            }
            flush(lease, p);
            if (p.failure != null) {
                throw p.failure;
            }
            if (!p.lost) {
                return entitlements.granted(r, p.usedAfter);
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("the usage lease of " + key.feature() + " was lost " + MAX_ATTEMPTS + " times in a row");
            }
        }
    }

    /**
     * Takes {@code q} units from the lease, reserving more first when it holds too few. Holds the lease's
     * monitor; a caller that waited for it ({@code arrival}) while a store call under it failed fails
     * with that call ({@link SharedFailure}).
     */
    private boolean grant(Lease lease, long q, long ceiling, long arrival) {
        Instant now = clock.instant();
        if (lease.ceiling != ceiling) {
            // The limit changed (or this is a new lease): what was reserved under the old one goes back.
            lease.failed.rethrowIfFailedSince(arrival);
            underMonitor(lease, () -> {
                giveBack(lease, lease.left);
                return null;
            });
            lease.ceiling = ceiling;
        }
        lease.usedAt = now;
        if (lease.left >= q) {
            lease.left -= q;
            return true;
        }
        lease.failed.rethrowIfFailedSince(arrival);
        adapt(lease, now);
        long need = q - lease.left;
        long wanted = Math.max(need, lease.size);
        Key k = lease.key;
        Instant expires = now.plus(settings.ttl());
        long got = underMonitor(lease, () -> {
            long reserved = tx.inTransaction(() -> ledger.reserve(k.organization(), k.feature(), k.periodStart(), holder, need, wanted, ceiling, expires));
            if (reserved == 0 && tx.inTransaction(() -> ledger.reclaimExpired(k.organization(), k.feature(), k.periodStart(), now)) > 0) {
                reserved = tx.inTransaction(() -> ledger.reserve(k.organization(), k.feature(), k.periodStart(), holder, need, wanted, ceiling, expires));
            }
            return reserved;
        });
        lease.reservedAt = now;
        if (got == 0) {
            return false;
        }
        lease.left += got - q;
        return true;
    }

    /** A store call made while holding the lease's monitor: its failure is kept for the callers waiting meanwhile. */
    private static <T> T underMonitor(Lease lease, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw lease.failed.record(e);
        }
    }

    /** Doubles the next reservation when the last one lasted less than a tenth of the time to live, halves it past half. */
    private void adapt(Lease lease, Instant now) {
        Duration lasted = Duration.between(lease.reservedAt, now);
        if (lasted.compareTo(settings.ttl().dividedBy(10)) < 0) {
            lease.size = Math.min(settings.maxLease(), lease.size * 2);
        } else if (lasted.compareTo(settings.ttl().dividedBy(2)) > 0) {
            lease.size = Math.max(1, lease.size / 2);
        }
    }

    /** Gives {@code units} of the lease back to the counter. Holds the lease's monitor. */
    private void giveBack(Lease lease, long units) {
        if (units > 0) {
            Key k = lease.key;
            tx.inTransaction(() -> ledger.release(k.organization(), k.feature(), k.periodStart(), holder, units));
            lease.left -= units;
        }
    }

    /** Group commit: whoever holds the flush lock stores every queued record, until {@code mine} is stored. */
    private void flush(Lease lease, Pending mine) {
        while (!mine.done) {
            lease.flush.lock();
            try {
                if (mine.done) {
                    return;
                }
                List<Pending> batch = new ArrayList<>();
                synchronized (lease) {
                    while (!lease.queue.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(lease.queue.poll());
                    }
                }
                if (!batch.isEmpty()) {
                    commit(lease, batch);
                }
            } finally {
                lease.flush.unlock();
            }
        }
    }

    private void commit(Lease lease, List<Pending> batch) {
        Key k = lease.key;
        List<UsageRecord> rows = batch.stream().map(p -> p.record).toList();
        long n = rows.stream().mapToLong(UsageRecord::quantity).sum();
        Entitlements.Resolved last = batch.get(batch.size() - 1).resolved;
        Instant expires = clock.instant().plus(settings.ttl());
        try {
            Result<Long> stored = tx.inTransaction(() -> {
                OptionalLong after = ledger.spend(k.organization(), k.feature(), k.periodStart(), holder, rows, expires);
                if (after.isEmpty()) {
                    return Result.<Long>fail(Failure.conflict("the lease was given back"));
                }
                entitlements.thresholds(k.organization(), last, after.getAsLong() - n, after.getAsLong());
                return Result.ok(after.getAsLong());
            });
            if (stored.isOk()) {
                long used = stored.value() - n;
                for (Pending p : batch) {
                    used += p.record.quantity();
                    p.usedAfter = used;
                }
            } else {
                // Reclaimed by another instance: what this instance thought it held is gone.
                synchronized (lease) {
                    lease.left = 0;
                }
                batch.forEach(p -> p.lost = true);
            }
        } catch (RuntimeException | Error e) {
            // Rolled back: the lease still holds the units (if the commit did happen, the store's own
            // count is lower than ours, and spending more than it holds is refused and granted again).
            synchronized (lease) {
                lease.left += n;
            }
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            batch.forEach(p -> p.failure = failure);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            batch.forEach(p -> p.done = true);
        }
    }

    /**
     * Gives back the leases idle for at least half their time to live (a lease of a period that has
     * ended, of an organization that stopped recording), so other instances need not wait for them to
     * expire. Runs every 4,096 records; a scheduler may call it too.
     */
    public void sweep() {
        Instant idleSince = clock.instant().minus(settings.ttl().dividedBy(2));
        for (Lease lease : leases.values()) {
            retireIf(lease, l -> l.usedAt.isBefore(idleSince));
        }
    }

    /** Gives back every unspent unit this instance holds (shutdown). */
    @Override
    public void close() {
        for (Lease lease : leases.values()) {
            retireIf(lease, l -> true);
        }
    }

    private void retireIf(Lease lease, java.util.function.Predicate<Lease> idle) {
        synchronized (lease) {
            if (lease.retired || !lease.queue.isEmpty() || !idle.test(lease)) {
                return;
            }
            lease.retired = true;
            leases.remove(lease.key, lease);
            Key k = lease.key;
            try {
                tx.inTransaction(() -> ledger.release(k.organization(), k.feature(), k.periodStart(), holder, Long.MAX_VALUE));
            } catch (RuntimeException e) {
                // The store is unreachable: the lease expires and another instance reclaims it.
            }
        }
    }
}
