package dev.gatehouse.core.contract;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.DeliveryStatus;
import dev.gatehouse.core.webhooks.WebhookDeliveries;
import dev.gatehouse.core.webhooks.WebhookDelivery;
import dev.gatehouse.core.webhooks.WebhookEndpoint;
import dev.gatehouse.core.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every pair of {@link WebhookEndpoints} and {@link WebhookDeliveries} shows, with the
 * {@link EventOutbox} the deliveries fan out from. Each test starts from empty stores.
 */
public abstract class WebhookStoresContract {
    /** Called once per test, before the others: empties the stores. */
    protected abstract WebhookEndpoints endpoints();

    protected abstract WebhookDeliveries deliveries();

    protected abstract EventOutbox outbox();

    protected abstract Transactions transactions();

    private WebhookEndpoints endpoints;
    private WebhookDeliveries deliveries;
    private EventOutbox outbox;
    private Transactions tx;
    private final OrganizationId acme = new OrganizationId(UUID.randomUUID());
    private final OrganizationId globex = new OrganizationId(UUID.randomUUID());

    @BeforeEach
    void fresh() {
        endpoints = endpoints();
        deliveries = deliveries();
        outbox = outbox();
        tx = transactions();
    }

    private WebhookEndpoint endpoint(OrganizationId org, long second, boolean active) {
        return new WebhookEndpoint(new WebhookId(Fixtures.idAt(at(second))), org, "https://hooks.example.com/" + second,
                List.of("project.*", "member.added"), "d" + second, active, new byte[]{1, 2, 3}, null, null, null, null, 0, 0, 0,
                null, at(second), at(second));
    }

    private WebhookDelivery delivery(WebhookEndpoint e, long second) {
        return WebhookDelivery.pending(new DeliveryId(Fixtures.idAt(at(second))), e.id(), e.organizationId(),
                new EventId(Fixtures.idAt(at(second))), "project.created", "{\"type\":\"project.created\"}", at(second));
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return tx.inTransaction(work);
    }

    @Test
    void storesEndpointsFaithfully() {
        WebhookEndpoint e = endpoint(acme, 1, true);
        inTx(() -> {
            endpoints.add(e);
            return null;
        });
        WebhookEndpoint stored = endpoints.byId(e.id()).orElseThrow();
        assertThat(stored.url()).isEqualTo(e.url());
        assertThat(stored.events()).isEqualTo(e.events());
        assertThat(stored.sealedSecret()).isEqualTo(new byte[]{1, 2, 3});
        assertThat(stored.sealedPreviousSecret()).isNull();
        assertThat(stored.createdAt()).isEqualTo(e.createdAt());
        WebhookEndpoint changed = e.withSecrets(new byte[]{4}, new byte[]{5}, at(100), at(2))
                .afterAttempt(false, at(3), true, "gone");
        inTx(() -> {
            endpoints.update(changed);
            return null;
        });
        WebhookEndpoint after = inTx(() -> endpoints.lockById(e.id())).orElseThrow();
        assertThat(after.active()).isFalse();
        assertThat(after.disabledReason()).isEqualTo("gone");
        assertThat(after.sealedPreviousSecret()).isEqualTo(new byte[]{5});
        assertThat(after.previousSecretUntil()).isEqualTo(at(100));
        assertThat(after.failingSince()).isEqualTo(at(3));
        assertThat(after.failureCount()).isEqualTo(1);
        assertThat(after.consecutiveFailures()).isEqualTo(1);
        assertThat(endpoints.byId(new WebhookId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void listsAnOrganizationsEndpointsNewestFirst() {
        inTx(() -> {
            endpoints.add(endpoint(acme, 1, true));
            endpoints.add(endpoint(acme, 2, false));
            endpoints.add(endpoint(acme, 3, true));
            endpoints.add(endpoint(globex, 4, true));
            return null;
        });
        var page = endpoints.list(acme, ListQuery.firstPage());
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(WebhookEndpoint::createdAt).containsExactly(at(3), at(2), at(1));
        var active = endpoints.list(acme, new ListQuery(PageRequest.first(), null, null, null, null, null, "active"));
        assertThat(active.total()).isEqualTo(2);
        assertThat(endpoints.activeOf(acme)).hasSize(2).allMatch(WebhookEndpoint::active);
        assertThat(endpoints.activeOf(globex)).hasSize(1);
    }

    @Test
    void deliveriesAreListedByStatusAndGoWithTheirEndpoint() {
        WebhookEndpoint e = endpoint(acme, 1, true);
        WebhookDelivery a = delivery(e, 10);
        WebhookDelivery b = delivery(e, 11);
        inTx(() -> {
            endpoints.add(e);
            deliveries.add(a);
            deliveries.add(b);
            deliveries.update(b.attempted(DeliveryStatus.SUCCESS, null, 200, 12, "ok", null, at(12)));
            return null;
        });
        assertThat(deliveries.list(e.id(), null, PageRequest.first()).items()).extracting(WebhookDelivery::id)
                .containsExactly(b.id(), a.id());
        var success = deliveries.list(e.id(), DeliveryStatus.SUCCESS, PageRequest.first());
        assertThat(success.total()).isEqualTo(1);
        WebhookDelivery stored = success.items().get(0);
        assertThat(stored.responseCode()).isEqualTo(200);
        assertThat(stored.durationMs()).isEqualTo(12);
        assertThat(stored.responseExcerpt()).isEqualTo("ok");
        assertThat(stored.deliveredAt()).isEqualTo(at(12));
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.payload()).isEqualTo(b.payload());
        assertThat(deliveries.byId(a.id())).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
        inTx(() -> {
            endpoints.remove(e.id());
            return null;
        });
        assertThat(deliveries.byId(a.id())).isEmpty();
        assertThat(endpoints.byId(e.id())).isEmpty();
    }

    @Test
    void aClaimedDeliveryIsLeasedUntilTheLeaseEnds() {
        WebhookEndpoint e = endpoint(acme, 1, true);
        inTx(() -> {
            endpoints.add(e);
            deliveries.add(delivery(e, 10));
            return null;
        });
        Instant now = at(20);
        List<WebhookDelivery> first = deliveries.claimDue(now, now.plusSeconds(60), 10);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).leaseUntil()).isEqualTo(now.plusSeconds(60));
        assertThat(deliveries.claimDue(now.plusSeconds(30), now.plusSeconds(90), 10)).isEmpty();
        assertThat(deliveries.claimDue(now.plusSeconds(61), now.plusSeconds(121), 10)).hasSize(1);
        assertThat(deliveries.claimDue(at(5), at(65), 10)).as("not due yet").isEmpty();
    }

    @Test
    void batchWritesStoreEveryRowAndClaimsFollowTheNextAttempt() {
        WebhookEndpoint e = endpoint(acme, 1, true);
        WebhookDelivery a = delivery(e, 10);
        WebhookDelivery b = delivery(e, 11);
        WebhookDelivery c = delivery(e, 12);
        inTx(() -> {
            endpoints.add(e);
            deliveries.addAll(List.of(a, b, c));
            return null;
        });
        assertThat(deliveries.list(e.id(), DeliveryStatus.PENDING, PageRequest.first()).total()).isEqualTo(3);
        assertThat(deliveries.claimDue(at(20), at(80), 1)).as("the oldest due first")
                .extracting(WebhookDelivery::id).containsExactly(a.id());
        Map<DeliveryId, WebhookDelivery> claimed = new java.util.HashMap<>();
        deliveries.claimDue(at(20), at(80), 10).forEach(d -> claimed.put(d.id(), d));
        assertThat(claimed).containsOnlyKeys(b.id(), c.id());
        WebhookDelivery leasedA = deliveries.byId(a.id()).orElseThrow();
        inTx(() -> {
            deliveries.updateAll(List.of(
                    leasedA.attempted(DeliveryStatus.SUCCESS, null, 200, 5, "ok", null, at(21)),
                    claimed.get(b.id()).attempted(DeliveryStatus.RETRYING, at(25), 503, 7, "busy", "HTTP 503", at(21)),
                    claimed.get(c.id()).attempted(DeliveryStatus.RETRYING, at(23), null, 9, null, "timed out", at(21))));
            return null;
        });
        assertThat(deliveries.byId(a.id())).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCESS);
            assertThat(d.deliveredAt()).isEqualTo(at(21));
            assertThat(d.leaseUntil()).isNull();
        });
        assertThat(deliveries.byId(b.id())).hasValueSatisfying(d -> {
            assertThat(d.responseCode()).isEqualTo(503);
            assertThat(d.error()).isEqualTo("HTTP 503");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(deliveries.claimDue(at(22), at(82), 10)).as("neither retry is due yet").isEmpty();
        assertThat(deliveries.claimDue(at(30), at(90), 1)).as("the earlier retry first")
                .extracting(WebhookDelivery::id).containsExactly(c.id());
        assertThat(deliveries.claimDue(at(30), at(90), 10)).extracting(WebhookDelivery::id).containsExactly(b.id());
    }

    @Test
    void aRolledBackBatchLeavesNothingBehind() {
        WebhookEndpoint e = endpoint(acme, 1, true);
        WebhookDelivery a = delivery(e, 10);
        inTx(() -> {
            endpoints.add(e);
            return null;
        });
        assertThatThrownBy(() -> inTx(() -> {
            deliveries.addAll(List.of(a, delivery(e, 11)));
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(RuntimeException.class);
        assertThat(deliveries.byId(a.id())).isEmpty();
        assertThat(deliveries.claimDue(at(20), at(80), 10)).isEmpty();
    }

    @Test
    void concurrentDispatchersNeverClaimTheSameDelivery() throws Exception {
        WebhookEndpoint e = endpoint(acme, 1, true);
        int count = 200;
        inTx(() -> {
            endpoints.add(e);
            for (int i = 0; i < count; i++) {
                deliveries.add(delivery(e, 10 + i));
            }
            return null;
        });
        Instant now = at(10_000);
        ConcurrentLinkedQueue<DeliveryId> claimed = new ConcurrentLinkedQueue<>();
        runConcurrently(4, () -> {
            while (true) {
                var batch = deliveries.claimDue(now, now.plusSeconds(60), 7);
                if (batch.isEmpty()) {
                    return;
                }
                batch.forEach(d -> claimed.add(d.id()));
            }
        });
        assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
    }

    @Test
    void concurrentFanOutsClaimEachEventOnce() throws Exception {
        int count = 150;
        for (int i = 0; i < count; i++) {
            outbox.append(new DomainEvent(new EventId(Fixtures.idAt(at(i))), "project.created", acme, at(i), Map.of("n", i)));
        }
        ConcurrentLinkedQueue<EventId> claimed = new ConcurrentLinkedQueue<>();
        runConcurrently(4, () -> {
            while (true) {
                List<DomainEvent> batch = tx.inTransaction(() -> {
                    List<DomainEvent> events = deliveries.claimEvents(9);
                    deliveries.markFannedOut(events.stream().map(DomainEvent::id).toList());
                    return events;
                });
                if (batch.isEmpty()) {
                    return;
                }
                batch.forEach(ev -> claimed.add(ev.id()));
            }
        });
        assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
        assertThat(tx.inTransaction(() -> deliveries.claimEvents(10))).isEmpty();
        // a new event after the fan-out is claimed; a rolled-back fan-out leaves it unclaimed
        DomainEvent late = new DomainEvent(new EventId(UUID.randomUUID()), "member.added", acme, at(500), Map.of());
        outbox.append(late);
        try {
            tx.inTransaction(() -> {
                deliveries.markFannedOut(deliveries.claimEvents(10).stream().map(DomainEvent::id).toList());
                throw new IllegalStateException("crash before commit");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(tx.inTransaction(() -> deliveries.claimEvents(10))).extracting(DomainEvent::id).containsExactly(late.id());
    }

    @Test
    void eventsOfAnOrganizationSinceAnInstant() {
        outbox.append(new DomainEvent(new EventId(Fixtures.idAt(at(1))), "project.created", acme, at(1), Map.of()));
        outbox.append(new DomainEvent(new EventId(Fixtures.idAt(at(2))), "project.updated", acme, at(2), Map.of("a", 1)));
        outbox.append(new DomainEvent(new EventId(Fixtures.idAt(at(3))), "project.updated", globex, at(3), Map.of()));
        assertThat(inTx(() -> deliveries.eventsOf(acme, at(2), 10))).extracting(DomainEvent::type).containsExactly("project.updated");
        assertThat(inTx(() -> deliveries.eventsOf(acme, at(0), 10))).hasSize(2);
        assertThat(inTx(() -> deliveries.eventsOf(acme, at(0), 1))).hasSize(1);
    }

    private static void runConcurrently(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
