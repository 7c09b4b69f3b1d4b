package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link ApiKeys} in the {@code api_keys} table; never a secret, only its hash. */
final class JdbcApiKeys implements ApiKeys {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");
    private final Sql sql;

    JdbcApiKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(ApiKey k) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (id, organization_id, project_id, environment_id,"
                    + " name, scopes, key_hash, prefix, expires_at, rate_limit_tier, created_by, created_at, last_used_at, status,"
                    + " revoked_at, rotation_ends_at, replaced_by, expiry_warnings, revoked_reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, k.id().value());
                ps.setObject(2, k.organizationId().value());
                ps.setObject(3, k.projectId() == null ? null : k.projectId().value());
                ps.setObject(4, k.environmentId() == null ? null : k.environmentId().value());
                ps.setString(5, k.name());
                ps.setArray(6, c.createArrayOf("text", k.scopes().toArray(String[]::new)));
                ps.setString(7, k.hash());
                ps.setString(8, k.prefix());
                Sql.setInstant(ps, 9, k.expiresAt());
                ps.setString(10, k.rateLimitTier());
                ps.setString(11, k.createdBy());
                Sql.setInstant(ps, 12, k.createdAt());
                Sql.setInstant(ps, 13, k.lastUsedAt());
                ps.setString(14, k.status().wire());
                Sql.setInstant(ps, 15, k.revokedAt());
                Sql.setInstant(ps, 16, k.rotationEndsAt());
                ps.setObject(17, k.replacedBy() == null ? null : k.replacedBy().value());
                ps.setInt(18, k.expiryWarnings());
                ps.setString(19, k.revokedReason());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiKey> byId(ApiKeyId id) {
        return one("SELECT * FROM api_keys WHERE id = ?", id.value());
    }

    @Override
    public Optional<ApiKey> byHash(String hash) {
        return one("SELECT * FROM api_keys WHERE key_hash = ?", hash);
    }

    @Override
    public Optional<ApiKey> lockById(ApiKeyId id) {
        return one("SELECT * FROM api_keys WHERE id = ? FOR UPDATE", id.value());
    }

    @Override
    public void recordLastUsed(Map<ApiKeyId, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        lastUsed.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ApiKeyId::text)))
                .forEach(e -> { // a stable order: concurrent flushes lock rows alike
                    ids.add(e.getKey().value());
                    times.add(e.getValue().toString());
                });
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys k SET last_used_at = u.at"
                    + " FROM unnest(?::uuid[], ?::text[]::timestamptz[]) AS u(id, at)"
                    + " WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)")) {
                ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                ps.setArray(2, c.createArrayOf("text", times.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<ApiKey> dueForLifecycle(Instant now, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys"
                    + " WHERE (status = 'rotating' AND (rotation_ends_at <= ? OR expires_at <= ?))"
                    + " OR (status = 'active' AND expires_at IS NOT NULL AND (expires_at <= ?"
                    + " OR (expiry_warnings = 0 AND expires_at <= ?) OR (expiry_warnings = 1 AND expires_at <= ?)))"
                    + " ORDER BY id LIMIT ?")) {
                Sql.setInstant(ps, 1, now);
                Sql.setInstant(ps, 2, now);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, now.plus(ApiKey.EXPIRY_WARNINGS.get(0)));
                Sql.setInstant(ps, 5, now.plus(ApiKey.EXPIRY_WARNINGS.get(1)));
                ps.setInt(6, limit);
                List<ApiKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(apiKey(rs));
                    }
                }
                return out;
            }
        });
    }

    private Optional<ApiKey> one(String query, Object param) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(apiKey(rs)) : Optional.<ApiKey>empty();
                }
            }
        });
    }

    @Override
    public void update(ApiKey k) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET name = ?, status = ?, revoked_at = ?,"
                    + " last_used_at = greatest(last_used_at, ?), expires_at = ?, rotation_ends_at = ?, replaced_by = ?,"
                    + " expiry_warnings = ?, revoked_reason = ? WHERE id = ?")) {
                ps.setString(1, k.name());
                ps.setString(2, k.status().wire());
                Sql.setInstant(ps, 3, k.revokedAt());
                Sql.setInstant(ps, 4, k.lastUsedAt());
                Sql.setInstant(ps, 5, k.expiresAt());
                Sql.setInstant(ps, 6, k.rotationEndsAt());
                ps.setObject(7, k.replacedBy() == null ? null : k.replacedBy().value());
                ps.setInt(8, k.expiryWarnings());
                ps.setString(9, k.revokedReason());
                ps.setObject(10, k.id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Page<ApiKey> list(OrganizationId organization, ProjectId project, ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        params.add(organization.value());
        if (project == null) {
            where.append(" AND project_id IS NULL");
        } else {
            where.append(" AND project_id = ?");
            params.add(project.value());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            params.add(q.status());
        }
        // Keys have no updated_at: like the memory store, the "updated" bounds apply to created_at.
        JdbcLists.times(q, where, params, "created_at");
        q.searchTerm().ifPresent(s -> {
            where.append(" AND strpos(lower(name), ?) > 0");
            params.add(s.toLowerCase(Locale.ROOT));
        });
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "api_keys", where, order, params, q.page(), JdbcApiKeys::apiKey));
    }

    @Override
    public List<ApiKey> liveWithin(OrganizationId organization, ProjectId project, EnvironmentId environment) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys WHERE organization_id = ?"
                    + " AND (?::uuid IS NULL OR project_id = ?) AND (?::uuid IS NULL OR environment_id = ?)"
                    + " AND status IN ('active', 'rotating') ORDER BY id FOR UPDATE")) {
                UUID p = project == null ? null : project.value();
                UUID e = environment == null ? null : environment.value();
                ps.setObject(1, organization.value());
                ps.setObject(2, p);
                ps.setObject(3, p);
                ps.setObject(4, e);
                ps.setObject(5, e);
                List<ApiKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(apiKey(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<ApiKey> ofProject(ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at, id")) {
                ps.setObject(1, project.value());
                List<ApiKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(apiKey(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE project_id = ?")) {
                ps.setObject(1, project.value());
                return ps.executeUpdate();
            }
        });
    }

    private static ApiKey apiKey(ResultSet rs) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        UUID env = rs.getObject("environment_id", UUID.class);
        UUID replacedBy = rs.getObject("replaced_by", UUID.class);
        String[] scopes = (String[]) rs.getArray("scopes").getArray();
        return new ApiKey(new ApiKeyId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                project == null ? null : new ProjectId(project), env == null ? null : new EnvironmentId(env),
                rs.getString("name"), Set.copyOf(Arrays.asList(scopes)), rs.getString("key_hash"), rs.getString("prefix"),
                Sql.instant(rs, "expires_at"), rs.getString("rate_limit_tier"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at"),
                ApiKeyStatus.parse(rs.getString("status")).orElseThrow(), Sql.instant(rs, "revoked_at"),
                Sql.instant(rs, "rotation_ends_at"), replacedBy == null ? null : new ApiKeyId(replacedBy),
                rs.getInt("expiry_warnings"), rs.getString("revoked_reason"));
    }
}
