package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Transactions for the memory stores: a read-write lock (writers exclusive, readers shared, so no
 * reader sees a half-done or rolled-back change) and an undo log that the stores append to, replayed
 * in reverse on an exception or a returned {@link Result.Err}. Nested calls join the outer one.
 * A read-only block must not open a write transaction (that would be a lock upgrade): it throws.
 * A read inside a transaction takes no lock of its own: per request (a check reads a dozen
 * relations), the lock is taken once.
 */
public final class MemoryTransactions implements Transactions {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);

    /** What the current thread holds: its write transaction's undo log, and how deep in read-only blocks it is. */
    private static final class Held {
        Deque<Runnable> undo;
        int reads;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Held h = held.get();
        if (h.undo != null) {
            return work.get();
        }
        if (h.reads > 0 || lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("a write transaction cannot start inside a read-only one");
        }
        lock.writeLock().lock();
        Deque<Runnable> log = new ArrayDeque<>();
        h.undo = log;
        try {
            T result = work.get();
            if (result instanceof Result.Err<?>) {
                rollback(log);
            }
            return result;
        } catch (RuntimeException | Error e) {
            rollback(log);
            throw e;
        } finally {
            h.undo = null;
            lock.writeLock().unlock();
        }
    }

    /** Shares the lock with other readers; inside a transaction (read-only or not) it runs as part of it, taking nothing. */
    @Override
    public <T> T readOnly(Supplier<T> work) {
        Held h = held.get();
        if (h.undo != null || h.reads > 0) {
            return work.get();
        }
        lock.readLock().lock();
        h.reads++;
        try {
            return work.get();
        } finally {
            h.reads--;
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a single write outside any explicit transaction atomically, or as part of the current
     * one, registering its undo action.
     */
    void write(Runnable change, Runnable undoChange) {
        Deque<Runnable> log = held.get().undo;
        if (log != null) {
            change.run();
            log.push(undoChange);
            return;
        }
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs a read: inside a transaction with no lock of its own (the transaction's lock already keeps
     * writers out), outside one under the shared lock.
     */
    <T> T read(Supplier<T> query) {
        if (lock.isWriteLockedByCurrentThread()) {
            return query.get();
        }
        return readOnly(query);
    }

    private static void rollback(Deque<Runnable> log) {
        while (!log.isEmpty()) {
            log.pop().run();
        }
    }
}
