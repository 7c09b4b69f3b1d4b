package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.shared.SigningKeyId;

import java.util.List;
import java.util.Optional;

/** {@link SigningKeys} in {@code signing_keys}. Adding an existing id fails (primary key). */
final class JdbcSigningKeys implements SigningKeys {
    private final Sql sql;

    /** {@code rows} only carries the {@link Sql} helper (the wiring's signature; ADR 0025). */
    JdbcSigningKeys(SigningKeyRows rows) {
        this.sql = rows.sql();
    }

    @Override
    public void add(SigningKey k) {
        sql.update("INSERT INTO signing_keys (id, algorithm, public_key, private_key, created_at, retired_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
                k.id().value(), k.algorithm(), k.publicKey(), k.privateKey(), k.createdAt(), k.retiredAt());
    }

    @Override
    public Optional<SigningKey> byId(SigningKeyId id) {
        return sql.one("SELECT * FROM signing_keys WHERE id = ?", SigningKeyRows::map, id.value());
    }

    @Override
    public List<SigningKey> all() {
        return sql.query("SELECT * FROM signing_keys ORDER BY created_at, id", SigningKeyRows::map);
    }
}
