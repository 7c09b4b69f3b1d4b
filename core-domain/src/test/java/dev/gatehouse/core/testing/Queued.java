package dev.gatehouse.core.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call running on a thread of its own, for the tests of what callers queued on a lock see: started
 * at once ({@link #start}) or started and waited for until its thread is blocked on a monitor, i.e.
 * queued behind a lock another thread holds ({@link #behindALock}; the thread's state decides, not a
 * sleep). {@link #failure} waits for the call to end.
 */
public final class Queued {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;

    private Queued(Runnable call) {
        thread = new Thread(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        thread.start();
    }

    public static Queued start(Runnable call) {
        return new Queued(call);
    }

    public static Queued behindALock(Runnable call) {
        Queued q = new Queued(call);
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (q.thread.getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call did not queue on a lock within 30 s: " + q.thread.getState());
            }
            Thread.onSpinWait();
        }
        return q;
    }

    /** Waits for the call to end: what it threw, or null. */
    public RuntimeException failure() throws InterruptedException {
        thread.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        if (thread.isAlive()) {
            throw new AssertionError("the call did not end within 30 s");
        }
        return failure.get();
    }
}
