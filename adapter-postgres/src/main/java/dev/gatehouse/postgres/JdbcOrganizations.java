package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link Organizations} in {@code organizations}; a deleted row has {@code deleted_at} and is never read back.
 * Only this store writes the table, so a transaction remembers what {@link #byId} read until it writes
 * that organization here ({@link Sql#remembered}).
 */
final class JdbcOrganizations implements Organizations {
    private static final String INSERT = JdbcTable.insert("organizations",
            "id, name, slug, tier, timezone, locale, created_at, updated_at, deleted_at") + " ON CONFLICT DO NOTHING";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name", "slug", "slug");

    private final Sql sql;

    JdbcOrganizations(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(Organization o) {
        sql.forget(o.id());
        // ON CONFLICT DO NOTHING (any unique index, the partial slug one included): "taken" is an
        // expected answer and must not abort the caller's transaction.
        return sql.update(INSERT,
                o.id().value(), o.name(), o.slug().value(), o.tier(), o.settings().timezone(), o.settings().locale(),
                o.createdAt(), o.updatedAt(), o.deletedAt()) == 1;
    }

    @Override
    public boolean update(Organization o) {
        sql.forget(o.id());
        return sql.run(c -> {
            // The slug check and the write are one statement, but two concurrent renames to the same
            // slug can both pass the check; the loser then meets the unique index. A savepoint keeps
            // that expected answer ("taken") from aborting the caller's transaction.
            Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
            try {
                boolean updated = Sql.update(c, "UPDATE organizations SET name = ?, slug = ?, tier = ?, timezone = ?,"
                        + " locale = ?, created_at = ?, updated_at = ?, deleted_at = ? WHERE id = ? AND (? OR NOT EXISTS"
                        + " (SELECT 1 FROM organizations o WHERE o.slug = ? AND o.deleted_at IS NULL AND o.id <> ?))",
                        o.name(), o.slug().value(), o.tier(), o.settings().timezone(), o.settings().locale(), o.createdAt(),
                        o.updatedAt(), o.deletedAt(), o.id().value(), o.isDeleted(), o.slug().value(), o.id().value()) == 1;
                if (savepoint != null) {
                    c.releaseSavepoint(savepoint);
                }
                return updated;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Organization> byId(OrganizationId id) {
        // read once per transaction: a use case's guard and the seat it takes ask for the same one
        return sql.remembered(id, () -> sql.one("SELECT * FROM organizations WHERE id = ? AND deleted_at IS NULL",
                OrganizationRows::map, id.value()));
    }

    @Override
    public Page<Organization> list(Optional<Set<OrganizationId>> within, ListQuery q) {
        if (within.isPresent() && within.get().isEmpty()) {
            return new Page<>(List.of(), q.page().page(), q.page().perPage(), 0);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
        JdbcLists.times(q, where, params);
        Optional<String> search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            where.append(" AND (strpos(lower(name), ?) > 0 OR strpos(slug, ?) > 0)");
            params.add(search.get());
            params.add(search.get());
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        if (within.isPresent()) {
            where.append(" AND id = ANY(?)");
            params.add(within.get().stream().map(OrganizationId::value).toArray(UUID[]::new));
        }
        return sql.run(c -> JdbcLists.page(c, "organizations", where, order, params, q.page(), OrganizationRows::map));
    }

}
