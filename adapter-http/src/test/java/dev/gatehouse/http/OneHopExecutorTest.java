package dev.gatehouse.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OneHopExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final OneHopExecutor.Affine executor = new OneHopExecutor.Affine(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void workFromOutsideIsHandedOffAndWorkFromInsideRunsOnTheSameThread() throws Exception {
        Thread caller = Thread.currentThread();
        CompletableFuture<Thread[]> threads = new CompletableFuture<>();
        executor.execute(() -> {
            Thread first = Thread.currentThread();
            executor.execute(() -> threads.complete(new Thread[] {first, Thread.currentThread()}));
        });
        Thread[] seen = threads.get(10, TimeUnit.SECONDS);
        assertThat(seen[0]).as("handed off from a foreign thread").isNotSameAs(caller);
        assertThat(seen[1]).as("run at once from its own task").isSameAs(seen[0]);
    }

    @Test
    void workFromAnyOtherThreadIsHandedOff() throws Exception {
        executor.submit(() -> null).get(10, TimeUnit.SECONDS); // a pool thread has run (and finished) a task
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Thread outside = new Thread(() -> executor.execute(() -> ran.complete(Thread.currentThread())));
        outside.start();
        assertThat(ran.get(10, TimeUnit.SECONDS)).isNotSameAs(outside);
        outside.join(10_000);
    }
}
