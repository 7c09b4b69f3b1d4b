package dev.gatehouse.core.audit;

import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 38: a caller queueing an entry never waits for a write of the trail already under way. */
class WriteBehindAuditLogTest {

    /** A store whose first write holds until released, so a flush stays under way. */
    private static final class HeldLog implements AuditLog {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<AuditEvent> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void append(AuditEvent event) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stored.add(event);
        }

        @Override
        public CursorPage<AuditEvent> find(AuditQuery query, EventId after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AuditEvent> byId(EventId id) {
            return stored.stream().filter(e -> e.id().equals(id)).findFirst();
        }

        @Override
        public List<AuditEvent> slice(AuditQuery query, EventId after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int purgeBefore(Instant cutoff, int limit) {
            return 0;
        }
    }

    private static AuditEvent event(int i) {
        return new AuditEvent(new EventId(UUID.randomUUID()), Instant.EPOCH.plusSeconds(i), "api_key", "key_" + i,
                "api_key.token_issued", "api_key", "key_" + i, null, null, null, null, null, null, Map.of());
    }

    @Test
    void withoutAnExecutorAFullQueueDoesNotMakeTheNextCallerWaitForTheWriteUnderWay() throws Exception {
        HeldLog store = new HeldLog();
        var behind = new WriteBehindAuditLog(store, new MemoryTransactions());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            check(store, behind, threads);
        } finally {
            store.release.countDown();
            threads.shutdownNow();
        }
    }

    private static void check(HeldLog store, WriteBehindAuditLog behind, ExecutorService threads) throws Exception {
        behind.appendLater(event(0));
        CompletableFuture<Integer> flushing = CompletableFuture.supplyAsync(behind::flush, threads);
        assertThat(store.writing.await(30, TimeUnit.SECONDS)).isTrue(); // the flush holds its lock, mid-write
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= WriteBehindAuditLog.BATCH + 5; i++) {
                behind.appendLater(event(i));
            }
        }, threads);
        caller.get(30, TimeUnit.SECONDS); // would hang here if a full queue made callers wait for the lock
        assertThat(flushing).isNotDone();
        store.release.countDown();
        flushing.get(30, TimeUnit.SECONDS);
        behind.flush();
        assertThat(store.stored).hasSize(WriteBehindAuditLog.BATCH + 6);
        assertThat(behind.pending()).isZero();
    }
}
