package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.shared.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link Users} in the {@code users} table. */
final class JdbcUsers implements Users {
    /** Sortable fields to SQL; text compares COLLATE "C" (code point order, as {@code String.compareTo}). */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at",
            "updated_at", "updated_at",
            "email", "email",
            "name", "name COLLATE \"C\"");

    private final UserRows rows;
    private final Sql sql;

    JdbcUsers(UserRows rows, Sql sql) {
        this.rows = rows;
        this.sql = sql;
    }

    @Override
    public Optional<User> byId(UserId id) {
        return rows.findById(id.value()).map(UserMapper::toDomain);
    }

    @Override
    public Optional<User> byEmail(Email email) {
        return rows.findByEmail(email.value()).map(UserMapper::toDomain);
    }

    @Override
    public boolean add(User user) {
        // ON CONFLICT DO NOTHING instead of catching a unique violation: an error would abort the
        // caller's whole transaction, while "taken" is an expected answer.
        UserRow r = UserMapper.toRow(user);
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, email, name, password_hash, platform_admin,"
                    + " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, r.id());
                ps.setString(2, r.email());
                ps.setString(3, r.name());
                ps.setString(4, r.passwordHash());
                ps.setBoolean(5, r.platformAdmin());
                ps.setString(6, r.status());
                Sql.setInstant(ps, 7, r.createdAt());
                Sql.setInstant(ps, 8, r.updatedAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void update(User user) {
        rows.update(UserMapper.toRow(user));
    }

    @Override
    public boolean any() {
        return rows.any();
    }

    @Override
    public Page<User> list(ListQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (q.createdAfter() != null) {
            where.append(" AND created_at > ?");
            params.add(q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.append(" AND created_at < ?");
            params.add(q.createdBefore());
        }
        if (q.updatedAfter() != null) {
            where.append(" AND updated_at > ?");
            params.add(q.updatedAfter());
        }
        if (q.updatedBefore() != null) {
            where.append(" AND updated_at < ?");
            params.add(q.updatedBefore());
        }
        if (q.status() != null) {
            // the memory store compares the enum name ignoring case: an unknown status matches nothing
            Optional<UserStatus> status = Arrays.stream(UserStatus.values())
                    .filter(s -> s.name().equalsIgnoreCase(q.status())).findFirst();
            if (status.isEmpty()) {
                return new Page<>(List.of(), q.page().page(), q.page().perPage(), 0);
            }
            where.append(" AND status = ?");
            params.add(UserMapper.status(status.get()));
        }
        Optional<String> search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            where.append(" AND (strpos(email, ?) > 0 OR strpos(lower(name), ?) > 0)");
            params.add(search.get());
            params.add(search.get());
        }
        StringBuilder order = new StringBuilder(" ORDER BY ");
        if (q.page().sort().isEmpty()) {
            order.append("created_at DESC, ");
        }
        for (SortOrder o : q.page().sort()) {
            String column = SORT_COLUMNS.get(o.field());
            if (column == null) {
                throw new IllegalArgumentException("unsortable field " + o.field());
            }
            order.append(column).append(o.descending() ? " DESC, " : ", ");
        }
        order.append("id");
        return sql.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM users" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<User> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users" + where + order + " LIMIT ? OFFSET ?")) {
                int next = bind(ps, params);
                ps.setInt(next, q.page().perPage());
                ps.setLong(next + 1, q.page().offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(UserMapper.toDomain(UserMapper.fromResultSet(rs)));
                    }
                }
            }
            return new Page<>(items, q.page().page(), q.page().perPage(), total);
        });
    }

    /** Binds the filter values from index 1; returns the next free index. */
    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof java.time.Instant t) {
                Sql.setInstant(ps, i++, t);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
