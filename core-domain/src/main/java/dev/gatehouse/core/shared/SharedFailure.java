package dev.gatehouse.core.shared;

/**
 * The failure of a store call made while holding a lock, shared with the callers that were waiting
 * for that lock meanwhile. Without it, when the store does not answer (a hung or restarting database)
 * each waiter, once it gets the lock, makes the same call and waits out the same timeout: the n-th
 * caller of a busy key answers after n timeouts. With it, a caller that arrived before the failure
 * fails with it at once; a caller that arrives after it tries the store again (it may be back).
 * Failures are counted, so a caller's arrival is one volatile read (no clock on the hot path);
 * {@link #record} and {@link #rethrowIfFailedSince} are used under the lock it describes.
 */
public final class SharedFailure {
    private volatile long failures;
    private RuntimeException failure;

    /** Read when a caller starts to wait for the lock (before taking it). */
    public long arrival() {
        return failures;
    }

    /** Under the lock: throws the failure of a call that ended after {@code arrival}, if any. */
    public void rethrowIfFailedSince(long arrival) {
        if (failures != arrival) {
            throw failure;
        }
    }

    /** Under the lock: the call made under it failed with {@code e}; returns {@code e} to be thrown. */
    public RuntimeException record(RuntimeException e) {
        failure = e;
        failures = failures + 1;
        return e;
    }
}
