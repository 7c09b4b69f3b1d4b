package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.WebhookEndpoint;
import dev.gatehouse.core.webhooks.WebhookEndpoints;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@link WebhookEndpoints} in {@code webhook_endpoints}; writes join the caller's transaction. */
final class JdbcWebhookEndpoints extends JdbcRemovableTable<WebhookEndpoint, WebhookId> implements WebhookEndpoints {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "url", "url COLLATE \"C\"");
    private static final String COLUMNS = "id, organization_id, url, events, description, active, secret_sealed, "
            + "previous_secret_sealed, previous_secret_until, disabled_reason, failing_since, success_count, failure_count, "
            + "consecutive_failures, last_delivery_at, created_at, updated_at";

    JdbcWebhookEndpoints(Sql sql) {
        super(sql, "webhook_endpoints", WebhookEndpointRows::map);
    }

    @Override
    public void add(WebhookEndpoint e) {
        List<Object> values = new ArrayList<>(List.of(e.id().value(), e.organizationId().value()));
        values.addAll(state(e));
        values.addAll(List.of(e.createdAt(), e.updatedAt()));
        sql.update("INSERT INTO webhook_endpoints (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values.toArray());
    }

    /** The values of url … last_delivery_at (13). */
    private static List<Object> state(WebhookEndpoint e) {
        return Arrays.asList(e.url(), e.events().toArray(String[]::new), e.description(), e.active(), e.sealedSecret(),
                e.sealedPreviousSecret(), e.previousSecretUntil(), e.disabledReason(), e.failingSince(), e.successCount(),
                e.failureCount(), e.consecutiveFailures(), e.lastDeliveryAt());
    }

    @Override
    public void update(WebhookEndpoint e) {
        List<Object> values = new ArrayList<>(state(e));
        values.addAll(List.of(e.updatedAt(), e.id().value()));
        sql.update("UPDATE webhook_endpoints SET url = ?, events = ?, description = ?, active = ?, secret_sealed = ?,"
                + " previous_secret_sealed = ?, previous_secret_until = ?, disabled_reason = ?, failing_since = ?,"
                + " success_count = ?, failure_count = ?, consecutive_failures = ?, last_delivery_at = ?, updated_at = ?"
                + " WHERE id = ?", values.toArray());
    }

    @Override
    public Page<WebhookEndpoint> list(OrganizationId organization, ListQuery q) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization.value()));
        if (q.status() != null) {
            where.append(" AND active = ?");
            params.add(q.status().equals("active"));
        }
        JdbcLists.times(q, where, params);
        q.searchTerm().ifPresent(s -> {
            where.append(" AND (url ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\')");
            String like = "%" + Sql.likeLiteral(s) + "%";
            params.add(like);
            params.add(like);
        });
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "webhook_endpoints", where, order, params, q.page(), WebhookEndpointRows::map));
    }

    @Override
    public List<WebhookEndpoint> activeOf(OrganizationId organization) {
        return sql.query("SELECT * FROM webhook_endpoints WHERE organization_id = ? AND active ORDER BY id",
                WebhookEndpointRows::map, organization.value());
    }

}
