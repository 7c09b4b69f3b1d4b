package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WebhookId;

import java.util.List;
import java.util.Optional;

/** Stored webhook endpoints; writes join the caller's transaction. */
public interface WebhookEndpoints {
    void add(WebhookEndpoint endpoint);

    /** Replaces the stored endpoint with the same id. */
    void update(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> byId(WebhookId id);

    /** The endpoint, its row locked until the transaction ends (PostgreSQL {@code FOR UPDATE}). */
    Optional<WebhookEndpoint> lockById(WebhookId id);

    /** Removes the endpoint and its deliveries. */
    void remove(WebhookId id);

    /** An organization's endpoints, newest first; {@code status} {@code active}/{@code disabled}. */
    Page<WebhookEndpoint> list(OrganizationId organization, ListQuery query);

    /** The organization's active endpoints (fan-out). */
    List<WebhookEndpoint> activeOf(OrganizationId organization);
}
