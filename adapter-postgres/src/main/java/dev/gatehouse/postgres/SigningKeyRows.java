package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.shared.SigningKeyId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The row mapper of {@code signing_keys} (DER-encoded key material). Also a bean carrying the
 * {@link Sql} helper, only because the wiring constructs {@link JdbcSigningKeys} from it (ADR 0025: it
 * was a Micronaut Data repository); the bean goes when the wiring passes {@code Sql} instead.
 */
@Singleton
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
final class SigningKeyRows {
    private final Sql sql;

    SigningKeyRows(Sql sql) {
        this.sql = sql;
    }

    Sql sql() {
        return sql;
    }

    static SigningKey map(ResultSet rs) throws SQLException {
        return new SigningKey(new SigningKeyId(rs.getObject("id", UUID.class)), rs.getString("algorithm"),
                rs.getBytes("public_key"), rs.getBytes("private_key"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "retired_at"));
    }
}
