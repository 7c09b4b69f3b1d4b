package dev.gatehouse.http;

import dev.gatehouse.core.shared.ReadinessCheck;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link ReadinessCheck} bean in parallel, each bounded by
 * {@code gatehouse.http.readiness-timeout}: a check that hangs or throws counts as down and never
 * holds up the probe. The checks run on their own daemon threads, so a stuck dependency cannot
 * exhaust the request executor.
 */
@Singleton
final class ReadinessChecks {
    private final List<ReadinessCheck> checks;
    private final HttpSettings settings;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gatehouse-readiness");
        t.setDaemon(true);
        return t;
    });

    ReadinessChecks(List<ReadinessCheck> checks, HttpSettings settings) {
        this.checks = List.copyOf(checks);
        this.settings = settings;
    }

    /** Every check's status by name, in name order. */
    Map<String, ReadinessCheck.Status> run() {
        long timeoutMillis = settings.readinessTimeout().toMillis();
        Map<String, CompletableFuture<ReadinessCheck.Status>> running = new LinkedHashMap<>();
        checks.stream().sorted(java.util.Comparator.comparing(ReadinessCheck::name)).forEach(check ->
                running.put(check.name(), CompletableFuture.supplyAsync(check::check, executor)
                        .completeOnTimeout(ReadinessCheck.Status.down("no answer within " + timeoutMillis + " ms"),
                                timeoutMillis, TimeUnit.MILLISECONDS)
                        .exceptionally(e -> ReadinessCheck.Status.down("check failed"))
                        .thenApply(s -> s == null ? ReadinessCheck.Status.down("no status") : s)));
        Map<String, ReadinessCheck.Status> results = new LinkedHashMap<>();
        running.forEach((name, future) -> results.put(name, future.join()));
        return results;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
