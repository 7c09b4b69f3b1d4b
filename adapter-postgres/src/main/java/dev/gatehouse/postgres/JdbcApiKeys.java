package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link ApiKeys} in the {@code api_keys} table; never a secret, only its hash. */
final class JdbcApiKeys extends JdbcTable<ApiKey, ApiKeyId> implements ApiKeys {
    private static final String INSERT = insert("api_keys",
            "id, organization_id, project_id, environment_id, name, scopes, key_hash, prefix, expires_at, "
            + "rate_limit_tier, created_by, created_at, last_used_at, status, revoked_at, rotation_ends_at, "
            + "replaced_by, expiry_warnings, revoked_reason");
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name COLLATE \"C\"");

    JdbcApiKeys(Sql sql) {
        super(sql, "api_keys", ApiKeyRows::map);
    }

    @Override
    public void add(ApiKey k) {
        sql.update(INSERT, k.id().value(), k.organizationId().value(), k.projectId() == null ? null : k.projectId().value(),
                k.environmentId() == null ? null : k.environmentId().value(), k.name(), k.scopes().toArray(String[]::new),
                k.hash(), k.prefix(), k.expiresAt(), k.rateLimitTier(), k.createdBy(), k.createdAt(), k.lastUsedAt(),
                k.status().wire(), k.revokedAt(), k.rotationEndsAt(), k.replacedBy() == null ? null : k.replacedBy().value(),
                k.expiryWarnings(), k.revokedReason());
    }

    @Override
    public Optional<ApiKey> byHash(String hash) {
        return sql.one("SELECT * FROM api_keys WHERE key_hash = ?", ApiKeyRows::map, hash);
    }

    @Override
    public void recordLastUsed(Map<ApiKeyId, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        lastUsed.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(ApiKeyId::text)))
                .forEach(e -> { // a stable order: concurrent flushes lock rows alike
                    ids.add(e.getKey().value());
                    times.add(e.getValue().toString());
                });
        sql.update("UPDATE api_keys k SET last_used_at = u.at FROM unnest(?::uuid[], ?::text[]::timestamptz[]) AS u(id, at)"
                + " WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)",
                ids.toArray(UUID[]::new), times.toArray(String[]::new));
    }

    @Override
    public List<ApiKey> dueForLifecycle(Instant now, int limit) {
        return sql.query("SELECT * FROM api_keys"
                + " WHERE (status = 'rotating' AND (rotation_ends_at <= ? OR expires_at <= ?))"
                + " OR (status = 'active' AND expires_at IS NOT NULL AND (expires_at <= ?"
                + " OR (expiry_warnings = 0 AND expires_at <= ?) OR (expiry_warnings = 1 AND expires_at <= ?)))"
                + " ORDER BY id LIMIT ?", ApiKeyRows::map,
                now, now, now, now.plus(ApiKey.EXPIRY_WARNINGS.get(0)), now.plus(ApiKey.EXPIRY_WARNINGS.get(1)), limit);
    }

    @Override
    public void update(ApiKey k) {
        sql.update("UPDATE api_keys SET name = ?, status = ?, revoked_at = ?, last_used_at = greatest(last_used_at, ?),"
                + " expires_at = ?, rotation_ends_at = ?, replaced_by = ?, expiry_warnings = ?, revoked_reason = ? WHERE id = ?",
                k.name(), k.status().wire(), k.revokedAt(), k.lastUsedAt(), k.expiresAt(), k.rotationEndsAt(),
                k.replacedBy() == null ? null : k.replacedBy().value(), k.expiryWarnings(), k.revokedReason(), k.id().value());
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
        JdbcLists.filter(where, params, "status = ?", q.status());
        // Keys have no updated_at: like the memory store, the "updated" bounds apply to created_at.
        JdbcLists.times(q, where, params, "created_at");
        q.searchTerm().ifPresent(s -> {
            where.append(" AND strpos(lower(name), ?) > 0");
            params.add(s.toLowerCase(Locale.ROOT));
        });
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "api_keys", where, order, params, q.page(), ApiKeyRows::map));
    }

    @Override
    public List<ApiKey> liveWithin(OrganizationId organization, ProjectId project, EnvironmentId environment) {
        UUID p = project == null ? null : project.value();
        UUID e = environment == null ? null : environment.value();
        return sql.query("SELECT * FROM api_keys WHERE organization_id = ?"
                + " AND (?::uuid IS NULL OR project_id = ?) AND (?::uuid IS NULL OR environment_id = ?)"
                + " AND status IN ('active', 'rotating') ORDER BY id FOR UPDATE", ApiKeyRows::map,
                organization.value(), p, p, e, e);
    }

    @Override
    public List<ApiKey> ofProject(ProjectId project) {
        return sql.query("SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at, id", ApiKeyRows::map, project.value());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        return sql.update("DELETE FROM api_keys WHERE project_id = ?", project.value());
    }

}
