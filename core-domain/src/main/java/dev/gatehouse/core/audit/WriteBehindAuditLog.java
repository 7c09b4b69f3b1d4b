package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit trail with a write-behind queue for high-volume entries that need not commit with a
 * change of their own (ADR 30: {@code api_key.token_issued}, one per issued access token, which changes
 * nothing stored). {@link #append} writes at once, in the caller's transaction, as before;
 * {@link #appendLater} queues the finished event (its time is the time of the action) and
 * {@link #flush()} writes the queue in transactions of at most {@link #BATCH} entries: the server runs
 * it every {@link #FLUSH_INTERVAL_MILLIS} ms and at shutdown, {@code ListAuditEvents} before each read
 * (an instance reads its own entries). When {@link #BATCH} are waiting, {@link #appendLater} hands a
 * flush to the executor given to {@link #flushOn} and returns (ADR 38: a request never waits for the
 * trail's writes; without an executor the caller writes one batch, unless another thread is already
 * writing). Memory stays bounded: at {@link #MAX_PENDING} waiting (the store is slower than the requests,
 * or down) the caller writes the queue itself, and a failure reaches it. A crash loses at most the
 * entries of the last interval; a failed flush keeps its entries for the next one.
 */
public final class WriteBehindAuditLog implements AuditLog {
    public static final int BATCH = 256;
    public static final long FLUSH_INTERVAL_MILLIS = 1_000;
    /** Waiting entries at which {@link #appendLater} writes them on the calling thread (back-pressure). */
    public static final int MAX_PENDING = 16 * BATCH;
    private static final System.Logger LOG = System.getLogger(WriteBehindAuditLog.class.getName());

    private final AuditLog delegate;
    private final Transactions tx;
    private final ConcurrentLinkedQueue<AuditEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicBoolean handedOff = new AtomicBoolean();
    private volatile Executor flusher;

    public WriteBehindAuditLog(AuditLog delegate, Transactions tx) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void append(AuditEvent event) {
        delegate.append(event);
    }

    /**
     * Where full batches are written from now on (a background thread of the server); null: by the
     * caller of {@link #appendLater}.
     */
    public void flushOn(Executor executor) {
        this.flusher = executor;
    }

    /**
     * Queues the event. At {@link #BATCH} waiting it starts a flush on the {@link #flushOn} executor (or
     * writes one batch here if no other thread is writing); at {@link #MAX_PENDING} it writes the queue
     * here, waiting for a flush under way.
     */
    public void appendLater(AuditEvent event) {
        pending.add(event);
        int waiting = size.incrementAndGet();
        if (waiting >= MAX_PENDING) {
            flush();
        } else if (waiting >= BATCH) {
            startFlush();
        }
    }

    private void startFlush() {
        Executor executor = flusher;
        if (executor == null) {
            if (flushing.tryLock()) {
                try {
                    write(1);
                } finally {
                    flushing.unlock();
                }
            }
            return;
        }
        if (!handedOff.compareAndSet(false, true)) {
            return; // one is already on its way
        }
        try {
            executor.execute(() -> {
                try {
                    flush();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "writing {0} queued audit entries failed; kept for the next "
                            + "flush: {1}", pending(), e.toString());
                } finally {
                    handedOff.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            handedOff.set(false); // shutting down: the final flush writes them
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
            return write(Integer.MAX_VALUE);
        } finally {
            flushing.unlock();
        }
    }

    /** Writes up to {@code batches} batches; the caller holds {@link #flushing}. */
    private int write(int batches) {
        int written = 0;
        for (int b = 0; b < batches; b++) {
            List<AuditEvent> batch = new ArrayList<>(Math.min(BATCH, Math.max(1, size.get())));
            AuditEvent e;
            while (batch.size() < BATCH && (e = pending.poll()) != null) {
                batch.add(e);
            }
            if (batch.isEmpty()) {
                break;
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
        return written;
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
