package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ReadinessCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readiness of the database: {@code SELECT 1} answered within {@link #TIMEOUT}. The probe runs on a
 * thread of its own, so a pool waiting for a connection or a hung server cannot hold the caller
 * longer than the timeout; while a probe is still running, later checks wait for that one rather
 * than starting more.
 */
final class PostgresReadinessCheck implements ReadinessCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final AtomicReference<CompletableFuture<Status>> running = new AtomicReference<>();

    PostgresReadinessCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Status check() {
        try {
            CompletableFuture<Status> probe = running.updateAndGet(f -> f == null || f.isDone() ? start() : f);
            return probe.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Status.down("no answer to SELECT 1 within " + TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Status.down(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (RuntimeException e) {
            return Status.down(describe(e));
        }
    }

    private CompletableFuture<Status> start() {
        return CompletableFuture.supplyAsync(this::probe, task -> {
            Thread t = new Thread(task, "readiness-database");
            t.setDaemon(true);
            t.start();
        });
    }

    private Status probe() {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, TIMEOUT.toSeconds()));
            s.execute("SELECT 1");
            return Status.up("SELECT 1 in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Exception e) {
            return Status.down(describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
