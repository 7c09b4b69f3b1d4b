package dev.gatehouse.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One blocking hand-off per request (issue 19). The authentication, rate-limit and idempotency
 * filters and the controllers each run {@code @ExecuteOn(BLOCKING)}; Micronaut hands every one of them
 * to the blocking executor, so a request changed threads four times. The {@code blocking} executor is
 * wrapped here: work handed to it from a thread it is already running request work on runs at once on
 * that thread, work from any other thread (the event loop) is handed off as before. A request thus
 * leaves the event loop once and runs authentication → rate limit → idempotency → controller on one
 * thread. What runs there is the same code in the same order; only the thread changes are gone.
 * It is an optimisation, not a guarantee: when a filter's work finishes before the framework has
 * chained the next step to it, the next step starts from the event loop and hands off again. Nothing
 * may therefore keep request state in a thread-local of its own; what follows a request across
 * threads rides on the framework's propagated context (the request id, the cancellation scope).
 */
@Singleton
final class OneHopExecutor implements BeanCreatedEventListener<ExecutorService> {
    @Override
    public ExecutorService onCreated(BeanCreatedEvent<ExecutorService> event) {
        ExecutorService created = event.getBean();
        if (!TaskExecutors.BLOCKING.equals(event.getBeanIdentifier().getName()) || created instanceof Affine) {
            return created;
        }
        return new Affine(created);
    }

    /** Runs a task at once when submitted from one of its own tasks, else on the wrapped executor. */
    static final class Affine extends AbstractExecutorService {
        private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();
        private final ExecutorService delegate;

        Affine(ExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable task) {
            if (INSIDE.get() != null) {
                task.run();
                return;
            }
            delegate.execute(() -> {
                INSIDE.set(Boolean.TRUE);
                try {
                    task.run();
                } finally {
                    INSIDE.remove();
                }
            });
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }
}
