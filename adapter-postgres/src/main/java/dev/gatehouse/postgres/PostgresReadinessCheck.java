package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ReadinessCheck;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readiness of the database: {@code SELECT 1} answered within {@link #TIMEOUT}. The probe runs on a
 * thread of its own, so a pool waiting for a connection or a hung server cannot hold the caller
 * longer than the timeout; while a probe is still running, later checks wait for that one rather
 * than starting more. The detail is public ({@code /readyz} needs no authentication), so a failure
 * says only {@value #UNAVAILABLE} or that no answer came in time; the driver's message goes to the
 * log, once per change from up to down.
 */
final class PostgresReadinessCheck implements ReadinessCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final String UNAVAILABLE = "unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresReadinessCheck.class);

    private final DataSource dataSource;
    private final AtomicReference<CompletableFuture<Status>> running = new AtomicReference<>();
    private final AtomicBoolean down = new AtomicBoolean();

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
            return failed("no answer within " + TIMEOUT.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            return failed(UNAVAILABLE, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (RuntimeException e) {
            return failed(UNAVAILABLE, e);
        }
    }

    private Status failed(String detail, Throwable cause) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("Database readiness check failed: {}", cause == null ? detail : cause.toString());
        } else if (cause != null) {
            LOG.debug("Database readiness check still failing: {}", cause.toString());
        }
        return Status.down(detail);
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
            if (down.compareAndSet(true, false)) {
                LOG.info("Database readiness check passes again");
            }
            return Status.up("SELECT 1 in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Exception e) {
            return failed(UNAVAILABLE, e);
        }
    }
}
