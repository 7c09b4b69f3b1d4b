package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.shared.SigningKeyId;

import java.util.List;
import java.util.Optional;

/** {@link SigningKeys} in {@code signing_keys}. Adding an existing id fails (primary key). */
final class JdbcSigningKeys implements SigningKeys {
    private final SigningKeyRows rows;

    JdbcSigningKeys(SigningKeyRows rows) {
        this.rows = rows;
    }

    @Override
    public void add(SigningKey key) {
        rows.save(SigningKeyMapper.toRow(key));
    }

    @Override
    public Optional<SigningKey> byId(SigningKeyId id) {
        return rows.findById(id.value()).map(SigningKeyMapper::toDomain);
    }

    @Override
    public List<SigningKey> all() {
        return rows.oldestFirst().stream().map(SigningKeyMapper::toDomain).toList();
    }
}
