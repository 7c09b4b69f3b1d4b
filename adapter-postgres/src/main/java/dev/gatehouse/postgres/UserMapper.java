package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.shared.UserId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** {@link User} to {@link UserRow} and back; the status is stored as lower-case text. */
final class UserMapper {
    private UserMapper() {
    }

    static UserRow toRow(User u) {
        return new UserRow(u.id().value(), u.email().value(), u.name(), u.passwordHash(), u.platformAdmin(),
                status(u.status()), u.createdAt(), u.updatedAt());
    }

    static User toDomain(UserRow r) {
        return User.rehydrate(new UserId(r.id()), new Email(r.email()), r.name(), r.passwordHash(), r.platformAdmin(),
                UserStatus.valueOf(r.status().toUpperCase(Locale.ROOT)), r.createdAt(), r.updatedAt());
    }

    /** The row under the cursor of a {@code SELECT *} from {@code users}. */
    static UserRow fromResultSet(ResultSet rs) throws SQLException {
        return new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getBoolean("platform_admin"), rs.getString("status"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    static String status(UserStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
