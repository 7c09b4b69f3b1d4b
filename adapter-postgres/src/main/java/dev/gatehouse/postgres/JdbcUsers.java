package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link Users} in the {@code users} table. */
final class JdbcUsers extends JdbcTable<User, UserId> implements Users {
    private static final String INSERT = insert("users",
            "id, email, name, password_hash, platform_admin, status, created_at, updated_at, "
            + "email_verified_at") + " ON CONFLICT DO NOTHING";
    /** Sortable fields to SQL; text compares COLLATE "C" (code point order, as {@code String.compareTo}). */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at",
            "updated_at", "updated_at",
            "email", "email",
            "name", "name COLLATE \"C\"");


    /** {@code rows} is the stateless mapper bean the wiring passes (ADR 0025); the mapping is static. */
    JdbcUsers(UserRows rows, Sql sql) {
        super(sql, "users", UserRows::map);
    }

    @Override
    public Optional<User> byEmail(Email email) {
        return sql.one("SELECT * FROM users WHERE email = ?", UserRows::map, email.value());
    }

    @Override
    public boolean add(User u) {
        // ON CONFLICT DO NOTHING instead of catching a unique violation: an error would abort the
        // caller's whole transaction, while "taken" is an expected answer.
        return sql.update(INSERT,
                u.id().value(), u.email().value(), u.name(), u.passwordHash(), u.platformAdmin(), UserRows.status(u.status()),
                u.createdAt(), u.updatedAt(), u.emailVerifiedAt()) == 1;
    }

    @Override
    public void update(User u) {
        sql.update("UPDATE users SET email = ?, name = ?, password_hash = ?, platform_admin = ?, status = ?, created_at = ?,"
                + " updated_at = ?, email_verified_at = ? WHERE id = ?",
                u.email().value(), u.name(), u.passwordHash(), u.platformAdmin(), UserRows.status(u.status()), u.createdAt(),
                u.updatedAt(), u.emailVerifiedAt(), u.id().value());
    }

    @Override
    public boolean any() {
        return sql.one("SELECT EXISTS (SELECT 1 FROM users)", rs -> rs.getBoolean(1)).orElseThrow();
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
            params.add(UserRows.status(status.get()));
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
        return sql.run(c -> JdbcLists.page(c, "users", where, order, params, q.page(), UserRows::map));
    }

}
