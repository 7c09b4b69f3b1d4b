package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link Memberships} in {@code memberships}, one row per (organization, user). */
final class JdbcMemberships implements Memberships {
    private static final String INSERT = JdbcTable.insert("memberships",
            "id, organization_id, user_id, role, created_at, updated_at") + " ON CONFLICT DO NOTHING";
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at", "updated_at",
            "role", "role");

    private final Sql sql;

    JdbcMemberships(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(Membership m) {
        return sql.update(INSERT, values(m)) == 1;
    }

    /** Queued ({@link Sql#insertLater}): sent with the transaction's audit and outbox rows. */
    @Override
    public void addFounder(Membership m) {
        sql.insertLater(INSERT, values(m));
    }

    private static Object[] values(Membership m) {
        return new Object[]{m.id().value(), m.organizationId().value(), m.userId().value(), m.role().relation(),
                m.createdAt(), m.updatedAt()};
    }

    @Override
    public void update(Membership m) {
        sql.update("UPDATE memberships SET role = ?, updated_at = ? WHERE id = ?", m.role().relation(), m.updatedAt(),
                m.id().value());
    }

    @Override
    public void remove(Membership m) {
        sql.update("DELETE FROM memberships WHERE id = ?", m.id().value());
    }

    @Override
    public Optional<Membership> byUser(OrganizationId organization, UserId user) {
        return sql.one("SELECT * FROM memberships WHERE organization_id = ? AND user_id = ?", MembershipRows::map,
                organization.value(), user.value());
    }

    @Override
    public long countWithRole(OrganizationId organization, Role role) {
        // FOR UPDATE: two concurrent demotions of the last two owners must not both see "two owners".
        return sql.one("SELECT count(*) FROM (SELECT 1 FROM memberships WHERE organization_id = ? AND role = ? FOR UPDATE) owners",
                rs -> rs.getLong(1), organization.value(), role.relation()).orElseThrow();
    }

    @Override
    public Page<Membership> list(OrganizationId organization, ListQuery q) {
        List<Object> params = new ArrayList<>();
        params.add(organization.value());
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        JdbcLists.times(q, where, params);
        if (q.status() != null) {
            where.append(" AND role = ?");
            params.add(q.status().toLowerCase(Locale.ROOT));
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at");
        return sql.run(c -> JdbcLists.page(c, "memberships", where, order, params, q.page(), MembershipRows::map));
    }

    @Override
    public List<Membership> ofUser(UserId user) {
        return sql.query("SELECT * FROM memberships WHERE user_id = ? ORDER BY created_at, id", MembershipRows::map, user.value());
    }

}
