package dev.gatehouse.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Tasks released at the same moment on a thread pool, for the tests of what concurrent callers may and
 * may not do. A task's exception, or a task still running after a minute, fails the race.
 */
public final class Race {
    private Race() {
    }

    /** Runs each task on its own thread, all released together; their results in order. */
    @SafeVarargs
    public static <T> List<T> all(Callable<T>... tasks) throws Exception {
        return run(tasks.length, tasks.length, i -> tasks[i]);
    }

    /**
     * Runs the tasks {@code task.apply(0)} … {@code task.apply(n - 1)} on {@code threads} threads, released
     * together; their results in order.
     */
    public static <T> List<T> run(int n, int threads, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> t = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
