package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.shared.UserId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The row mapper of {@code users} (the status is stored as lower-case text). A bean without state
 * only because the wiring hands it to {@link JdbcUsers} (ADR 0025: it was a Micronaut Data repository).
 */
@Singleton
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
final class UserRows {
    /** The user in the row under the cursor of a {@code SELECT *} from {@code users}. */
    static User map(ResultSet rs) throws SQLException {
        return User.rehydrate(new UserId(rs.getObject("id", UUID.class)), new Email(rs.getString("email")),
                rs.getString("name"), rs.getString("password_hash"), rs.getBoolean("platform_admin"),
                UserStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "email_verified_at"));
    }

    static String status(UserStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
