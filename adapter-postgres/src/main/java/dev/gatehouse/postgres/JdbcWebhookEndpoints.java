package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.WebhookEndpoint;
import dev.gatehouse.core.webhooks.WebhookEndpoints;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link WebhookEndpoints} in {@code webhook_endpoints}; writes join the caller's transaction. */
final class JdbcWebhookEndpoints implements WebhookEndpoints {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "url", "url COLLATE \"C\"");
    private static final String COLUMNS = "id, organization_id, url, events, description, active, secret_sealed, "
            + "previous_secret_sealed, previous_secret_until, disabled_reason, failing_since, success_count, failure_count, "
            + "consecutive_failures, last_delivery_at, created_at, updated_at";
    private final Sql sql;

    JdbcWebhookEndpoints(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(WebhookEndpoint e) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_endpoints (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, e.id().value());
                ps.setObject(2, e.organizationId().value());
                bind(c, ps, e, 3);
                Sql.setInstant(ps, 16, e.createdAt());
                Sql.setInstant(ps, 17, e.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    /** Binds url … last_delivery_at (13 parameters) from {@code from}. */
    private static void bind(Connection c, PreparedStatement ps, WebhookEndpoint e, int from) throws SQLException {
        ps.setString(from, e.url());
        ps.setArray(from + 1, c.createArrayOf("text", e.events().toArray()));
        ps.setString(from + 2, e.description());
        ps.setBoolean(from + 3, e.active());
        ps.setBytes(from + 4, e.sealedSecret());
        if (e.sealedPreviousSecret() == null) {
            ps.setNull(from + 5, Types.BINARY);
        } else {
            ps.setBytes(from + 5, e.sealedPreviousSecret());
        }
        Sql.setInstant(ps, from + 6, e.previousSecretUntil());
        ps.setString(from + 7, e.disabledReason());
        Sql.setInstant(ps, from + 8, e.failingSince());
        ps.setLong(from + 9, e.successCount());
        ps.setLong(from + 10, e.failureCount());
        ps.setInt(from + 11, e.consecutiveFailures());
        Sql.setInstant(ps, from + 12, e.lastDeliveryAt());
    }

    @Override
    public void update(WebhookEndpoint e) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_endpoints SET url = ?, events = ?, description = ?, "
                    + "active = ?, secret_sealed = ?, previous_secret_sealed = ?, previous_secret_until = ?, disabled_reason = ?, "
                    + "failing_since = ?, success_count = ?, failure_count = ?, consecutive_failures = ?, last_delivery_at = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                bind(c, ps, e, 1);
                Sql.setInstant(ps, 14, e.updatedAt());
                ps.setObject(15, e.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<WebhookEndpoint> byId(WebhookId id) {
        return one("SELECT * FROM webhook_endpoints WHERE id = ?", id.value());
    }

    @Override
    public Optional<WebhookEndpoint> lockById(WebhookId id) {
        return one("SELECT * FROM webhook_endpoints WHERE id = ? FOR UPDATE", id.value());
    }

    private Optional<WebhookEndpoint> one(String query, UUID id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<WebhookEndpoint>empty();
                }
            }
        });
    }

    @Override
    public void remove(WebhookId id) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_endpoints WHERE id = ?")) {
                ps.setObject(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Page<WebhookEndpoint> list(OrganizationId organization, ListQuery q) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        List<Object> args = new ArrayList<>(List.of(organization.value()));
        if (q.status() != null) {
            where.append(" AND active = ?");
            args.add(q.status().equals("active"));
        }
        if (q.createdAfter() != null) {
            where.append(" AND created_at > ?");
            args.add(q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.append(" AND created_at < ?");
            args.add(q.createdBefore());
        }
        if (q.updatedAfter() != null) {
            where.append(" AND updated_at > ?");
            args.add(q.updatedAfter());
        }
        if (q.updatedBefore() != null) {
            where.append(" AND updated_at < ?");
            args.add(q.updatedBefore());
        }
        q.searchTerm().ifPresent(s -> {
            where.append(" AND (url ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\')");
            String like = "%" + Sql.likeLiteral(s) + "%";
            args.add(like);
            args.add(like);
        });
        StringBuilder order = new StringBuilder(" ORDER BY ");
        if (q.page().sort().isEmpty()) {
            order.append("created_at DESC");
        } else {
            List<String> parts = new ArrayList<>();
            for (SortOrder o : q.page().sort()) {
                parts.add(SORT_COLUMNS.get(o.field()) + (o.descending() ? " DESC" : " ASC"));
            }
            order.append(String.join(", ", parts));
        }
        order.append(", id");
        return sql.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM webhook_endpoints" + where)) {
                set(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<WebhookEndpoint> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM webhook_endpoints" + where + order + " LIMIT ? OFFSET ?")) {
                int i = set(ps, args);
                ps.setInt(i++, q.page().perPage());
                ps.setLong(i, q.page().offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new Page<>(items, q.page().page(), q.page().perPage(), total);
        });
    }

    private static int set(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a instanceof java.time.Instant t) {
                Sql.setInstant(ps, i++, t);
            } else {
                ps.setObject(i++, a);
            }
        }
        return i;
    }

    @Override
    public List<WebhookEndpoint> activeOf(OrganizationId organization) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM webhook_endpoints WHERE organization_id = ? AND active ORDER BY id")) {
                ps.setObject(1, organization.value());
                List<WebhookEndpoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static WebhookEndpoint row(ResultSet rs) throws SQLException {
        Array events = rs.getArray("events");
        List<String> list = Arrays.asList((String[]) events.getArray());
        return new WebhookEndpoint(new WebhookId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("url"), list,
                rs.getString("description"), rs.getBoolean("active"), rs.getBytes("secret_sealed"),
                rs.getBytes("previous_secret_sealed"), Sql.instant(rs, "previous_secret_until"), rs.getString("disabled_reason"),
                Sql.instant(rs, "failing_since"), rs.getLong("success_count"), rs.getLong("failure_count"),
                rs.getInt("consecutive_failures"), Sql.instant(rs, "last_delivery_at"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
