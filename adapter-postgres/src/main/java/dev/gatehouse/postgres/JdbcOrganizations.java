package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.OrganizationSettings;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Slug;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link Organizations} in {@code organizations}; a deleted row has {@code deleted_at} and is never read back. */
final class JdbcOrganizations implements Organizations {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "name", "name", "slug", "slug");

    private final Sql sql;

    JdbcOrganizations(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(Organization o) {
        // ON CONFLICT DO NOTHING (any unique index, the partial slug one included): "taken" is an
        // expected answer and must not abort the caller's transaction.
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO organizations (id, name, slug, tier, timezone, locale,"
                    + " created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                bindAll(ps, o);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean update(Organization o) {
        return sql.run(c -> {
            // The slug check and the write are one statement, but two concurrent renames to the same
            // slug can both pass the check; the loser then meets the unique index. A savepoint keeps
            // that expected answer ("taken") from aborting the caller's transaction.
            Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement("UPDATE organizations SET name = ?, slug = ?, tier = ?, timezone = ?,"
                    + " locale = ?, created_at = ?, updated_at = ?, deleted_at = ? WHERE id = ? AND (? OR NOT EXISTS"
                    + " (SELECT 1 FROM organizations o WHERE o.slug = ? AND o.deleted_at IS NULL AND o.id <> ?))")) {
                ps.setString(1, o.name());
                ps.setString(2, o.slug().value());
                ps.setString(3, o.tier());
                ps.setString(4, o.settings().timezone());
                ps.setString(5, o.settings().locale());
                Sql.setInstant(ps, 6, o.createdAt());
                Sql.setInstant(ps, 7, o.updatedAt());
                Sql.setInstant(ps, 8, o.deletedAt());
                ps.setObject(9, o.id().value());
                ps.setBoolean(10, o.isDeleted());
                ps.setString(11, o.slug().value());
                ps.setObject(12, o.id().value());
                boolean updated = ps.executeUpdate() == 1;
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
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM organizations WHERE id = ? AND deleted_at IS NULL")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<Organization>empty();
                }
            }
        });
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
        return sql.run(c -> {
            if (within.isPresent()) {
                Array ids = c.createArrayOf("uuid", within.get().stream().map(OrganizationId::value).toArray(UUID[]::new));
                where.append(" AND id = ANY(?)");
                params.add(ids);
            }
            return JdbcLists.page(c, "organizations", where, order, params, q.page(), JdbcOrganizations::fromRow);
        });
    }

    private static void bindAll(PreparedStatement ps, Organization o) throws SQLException {
        ps.setObject(1, o.id().value());
        ps.setString(2, o.name());
        ps.setString(3, o.slug().value());
        ps.setString(4, o.tier());
        ps.setString(5, o.settings().timezone());
        ps.setString(6, o.settings().locale());
        Sql.setInstant(ps, 7, o.createdAt());
        Sql.setInstant(ps, 8, o.updatedAt());
        Sql.setInstant(ps, 9, o.deletedAt());
    }

    private static Organization fromRow(ResultSet rs) throws SQLException {
        return new Organization(new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("name"),
                new Slug(rs.getString("slug")), rs.getString("tier"),
                new OrganizationSettings(rs.getString("timezone"), rs.getString("locale")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "deleted_at"));
    }
}
