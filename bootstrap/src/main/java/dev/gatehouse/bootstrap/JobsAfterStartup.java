package dev.gatehouse.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;

/**
 * Scheduled jobs run only while the server runs: not during start-up, not once it stops. Micronaut
 * looks a {@code @Scheduled} job's bean up on the scheduler's thread at every run; a run due while
 * the context was closing found the job and the core destroyed and built them again, on a closing
 * context: the rebuilt beans' listener connections and threads were never closed, and the second
 * relationship index found the feed still taken, so the run failed with an ERROR (in most stops on
 * PostgreSQL). A run due during start-up could likewise build the core on the scheduler's thread
 * while the main thread was building it. Every task handed to the scheduler is wrapped: a run due
 * before the server has started or after it began to stop does nothing (a job with a fixed delay
 * runs again after its delay, and a stopped server's scheduler stops).
 */
@Singleton
final class JobsAfterStartup implements BeanCreatedEventListener<TaskScheduler> {
    private volatile boolean running;
    private volatile boolean stopping;

    @Override
    public TaskScheduler onCreated(BeanCreatedEvent<TaskScheduler> event) {
        TaskScheduler scheduler = event.getBean();
        return scheduler instanceof Gated ? scheduler : new Gated(scheduler, this);
    }

    @EventListener
    void started(ServerStartupEvent event) {
        running = true;
    }

    @EventListener
    void serverStopping(ServerShutdownEvent event) {
        stopping = true;
    }

    @EventListener
    void contextStopping(ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void destroyed() {
        stopping = true;
    }

    boolean open() {
        return running && !stopping;
    }

    /** The scheduler with every run skipped while the server does not run. */
    record Gated(TaskScheduler scheduler, JobsAfterStartup gate) implements TaskScheduler {
        private Runnable gated(Runnable task) {
            return () -> {
                if (gate.open()) {
                    task.run();
                }
            };
        }

        private <V> Callable<V> gated(Callable<V> task) {
            return () -> gate.open() ? task.call() : null;
        }

        @Override
        public ScheduledFuture<?> schedule(String cron, Runnable command) {
            return scheduler.schedule(cron, gated(command));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(String cron, Callable<V> command) {
            return scheduler.schedule(cron, gated(command));
        }

        @Override
        public ScheduledFuture<?> schedule(String cron, String timezoneId, Runnable command) {
            return scheduler.schedule(cron, timezoneId, gated(command));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(String cron, String timezoneId, Callable<V> command) {
            return scheduler.schedule(cron, timezoneId, gated(command));
        }

        @Override
        public ScheduledFuture<?> schedule(Duration delay, Runnable command) {
            return scheduler.schedule(delay, gated(command));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Duration delay, Callable<V> callable) {
            return scheduler.schedule(delay, gated(callable));
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable command) {
            return scheduler.scheduleAtFixedRate(initialDelay, period, gated(command));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable command) {
            return scheduler.scheduleWithFixedDelay(initialDelay, delay, gated(command));
        }
    }
}
