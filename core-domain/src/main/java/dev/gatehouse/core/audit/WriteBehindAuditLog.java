package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit trail with a write-behind queue for high-volume entries that need not commit with a
 * change of their own (ADR 30: {@code api_key.token_issued}, one per issued access token, which changes
 * nothing stored). {@link #append} writes at once, in the caller's transaction, as before;
 * {@link #appendLater} queues the finished event (its time is the time of the action) and
 * {@link #flush()} writes the queue in transactions of at most {@link #BATCH} entries: the server runs
 * it every {@link #FLUSH_INTERVAL_MILLIS} ms and at shutdown, {@code ListAuditEvents} before each read
 * (an instance reads its own entries), and a caller of {@link #appendLater} when {@link #BATCH} are
 * waiting (memory stays bounded; a request then pays one batch). A crash loses at most the entries
 * of the last interval; a failed flush keeps its entries for the next one.
 */
public final class WriteBehindAuditLog implements AuditLog {
    public static final int BATCH = 256;
    public static final long FLUSH_INTERVAL_MILLIS = 1_000;

    private final AuditLog delegate;
    private final Transactions tx;
    private final ConcurrentLinkedQueue<AuditEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReentrantLock flushing = new ReentrantLock();

    public WriteBehindAuditLog(AuditLog delegate, Transactions tx) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void append(AuditEvent event) {
        delegate.append(event);
    }

    /** Queues the event; writes a batch first when {@link #BATCH} are already waiting. */
    public void appendLater(AuditEvent event) {
        pending.add(event);
        if (size.incrementAndGet() >= BATCH) {
            flush();
        }
    }

    /** How many entries wait to be written. */
    public int pending() {
        return size.get();
    }

    /**
     * Writes every waiting entry, {@link #BATCH} per transaction. Never inside another transaction
     * (it opens its own).
     *
     * @return how many were written
     */
    public int flush() {
        if (size.get() == 0) {
            return 0;
        }
        flushing.lock();
        try {
            int written = 0;
            while (true) {
                List<AuditEvent> batch = new ArrayList<>(Math.min(BATCH, Math.max(1, size.get())));
                AuditEvent e;
                while (batch.size() < BATCH && (e = pending.poll()) != null) {
                    batch.add(e);
                }
                if (batch.isEmpty()) {
                    return written;
                }
                try {
                    tx.inTransaction(() -> {
                        batch.forEach(delegate::append);
                        return null;
                    });
                } catch (RuntimeException failure) {
                    pending.addAll(batch); // kept for the next flush (the entries keep their own times and ids)
                    throw failure;
                }
                size.addAndGet(-batch.size());
                written += batch.size();
            }
        } finally {
            flushing.unlock();
        }
    }

    @Override
    public CursorPage<AuditEvent> find(AuditQuery query, EventId after, int limit) {
        return delegate.find(query, after, limit);
    }

    @Override
    public Optional<AuditEvent> byId(EventId id) {
        return delegate.byId(id);
    }

    /** An export's slice: this instance's queued entries are written first, so the export sees them. */
    @Override
    public java.util.List<AuditEvent> slice(AuditQuery query, EventId after, int limit) {
        flush();
        return delegate.slice(query, after, limit);
    }

    @Override
    public int purgeBefore(java.time.Instant cutoff, int limit) {
        return delegate.purgeBefore(cutoff, limit);
    }
}
