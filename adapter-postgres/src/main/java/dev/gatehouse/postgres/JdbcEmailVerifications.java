package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.signup.EmailVerification;
import dev.gatehouse.core.signup.EmailVerifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** {@link EmailVerifications} in {@code email_verifications}; marking a link used is one conditional UPDATE. */
final class JdbcEmailVerifications implements EmailVerifications {
    private static final String INSERT = JdbcTable.insert("email_verifications",
            "token_hash, user_id, name, password_hash, created_at, expires_at, used_at");
    private final Sql sql;

    JdbcEmailVerifications(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(EmailVerification v) {
        sql.update(INSERT,
                v.tokenHash(), v.userId().value(), v.name(), v.passwordHash(), v.createdAt(), v.expiresAt(), v.usedAt());
    }

    @Override
    public Optional<EmailVerification> byTokenHash(String tokenHash) {
        return sql.one("SELECT * FROM email_verifications WHERE token_hash = ?", JdbcEmailVerifications::map, tokenHash);
    }

    @Override
    public boolean markUsed(String tokenHash, Instant at) {
        return sql.update("UPDATE email_verifications SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", at, tokenHash) == 1;
    }

    @Override
    public int purgeExpiredBefore(Instant before) {
        return sql.update("DELETE FROM email_verifications WHERE expires_at < ?", before);
    }

    private static EmailVerification map(ResultSet rs) throws SQLException {
        return new EmailVerification(rs.getString("token_hash"), new UserId(rs.getObject("user_id", UUID.class)), rs.getString("name"),
                rs.getString("password_hash"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at"));
    }
}
