package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.sql.PreparedStatement;
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
        JdbcLists.times(q, where, params);
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
            // LIKE with the term escaped (its % and _ are plain characters), not strpos: the trigram
            // indexes (V19_1, when pg_trgm is available) serve LIKE '%term%'
            String contains = "%" + Sql.likeLiteral(search.get()) + "%";
            where.append(" AND (email LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\')");
            params.add(contains);
            params.add(contains);
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> {
            return JdbcLists.page(c, "users", where, order, params, q.page(), rs -> UserMapper.toDomain(UserMapper.fromResultSet(rs)));
        });
    }

}
