package dev.gatehouse.core.shared;

/**
 * The failure of a store call made while holding a lock, shared with the callers that were waiting
 * for that lock meanwhile. Without it, when the store does not answer (a hung or restarting database)
 * each waiter, once it gets the lock, makes the same call and waits out the same timeout: the n-th
 * caller of a busy key answers after n timeouts. With it, a caller that arrived before the failure
 * fails with it at once; a caller that arrives after it tries the store again (it may be back).
 * Not thread-safe by itself: use it under the lock it describes.
 */
public final class SharedFailure {
    private RuntimeException failure;
    private long failedAt;

    /** When a caller starts to wait for the lock (before taking it). */
    public static long arrival() {
        return System.nanoTime();
    }

    /** Under the lock: throws the failure of a call that ended after {@code arrival}, if any. */
    public void rethrowIfFailedSince(long arrival) {
        if (failure != null && failedAt - arrival >= 0) {
            throw failure;
        }
    }

    /** Under the lock: the call made under it failed with {@code e}; returns {@code e} to be thrown. */
    public RuntimeException record(RuntimeException e) {
        failure = e;
        failedAt = System.nanoTime();
        return e;
    }
}
