package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.WebhookEndpoint;
import dev.gatehouse.core.webhooks.WebhookEndpoints;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Webhook endpoints in memory; removing one removes its deliveries from the paired {@link MemoryWebhookDeliveries}. */
public final class MemoryWebhookEndpoints implements WebhookEndpoints {
    private final MemoryTransactions tx;
    private final Map<WebhookId, WebhookEndpoint> byId = new ConcurrentHashMap<>();
    private MemoryWebhookDeliveries deliveries;

    public MemoryWebhookEndpoints(MemoryTransactions tx) {
        this.tx = tx;
    }

    void pair(MemoryWebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void add(WebhookEndpoint endpoint) {
        tx.write(() -> {
            if (byId.putIfAbsent(endpoint.id(), endpoint) != null) {
                throw new IllegalStateException("webhook " + endpoint.id() + " exists");
            }
        }, () -> byId.remove(endpoint.id()));
    }

    @Override
    public void update(WebhookEndpoint endpoint) {
        WebhookEndpoint[] before = new WebhookEndpoint[1];
        tx.write(() -> before[0] = byId.replace(endpoint.id(), endpoint), () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public Optional<WebhookEndpoint> byId(WebhookId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<WebhookEndpoint> lockById(WebhookId id) {
        return byId(id);
    }

    @Override
    public void remove(WebhookId id) {
        WebhookEndpoint[] before = new WebhookEndpoint[1];
        tx.write(() -> before[0] = byId.remove(id), () -> {
            if (before[0] != null) {
                byId.put(id, before[0]);
            }
        });
        if (deliveries != null) {
            deliveries.removeOf(id);
        }
    }

    private static final MemoryListing<WebhookEndpoint> LISTING = new MemoryListing<>(WebhookEndpoint::createdAt,
            WebhookEndpoint::updatedAt, e -> e.id().value(), List.of(WebhookEndpoint::url, WebhookEndpoint::description),
            Map.of("created_at", Comparator.comparing(WebhookEndpoint::createdAt),
                    "url", Comparator.comparing(WebhookEndpoint::url)),
            Comparator.comparing(WebhookEndpoint::createdAt).reversed());

    @Override
    public Page<WebhookEndpoint> list(OrganizationId organization, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), e -> e.organizationId().equals(organization)
                && (q.status() == null || (q.status().equals("active") == e.active())), q));
    }

    @Override
    public List<WebhookEndpoint> activeOf(OrganizationId organization) {
        return tx.read(() -> byId.values().stream().filter(e -> e.active() && e.organizationId().equals(organization))
                .sorted(Comparator.comparing((WebhookEndpoint e) -> e.id().value(), MemorySort.UUID_ORDER)).toList());
    }
}
