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
 */
public final class MemoryTransactions implements Transactions {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<Deque<Runnable>> undo = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undo.get() != null) {
            return work.get();
        }
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("a write transaction cannot start inside a read-only one");
        }
        lock.writeLock().lock();
        Deque<Runnable> log = new ArrayDeque<>();
        undo.set(log);
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
            undo.remove();
            lock.writeLock().unlock();
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a single write outside any explicit transaction atomically, or as part of the current
     * one, registering its undo action.
     */
    void write(Runnable change, Runnable undoChange) {
        Deque<Runnable> log = undo.get();
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

    <T> T read(Supplier<T> query) {
        if (undo.get() != null || lock.isWriteLockedByCurrentThread()) {
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
