package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.shared.SigningKeyId;

/** {@link SigningKey} to {@link SigningKeyRow} and back. */
final class SigningKeyMapper {
    private SigningKeyMapper() {
    }

    static SigningKeyRow toRow(SigningKey k) {
        return new SigningKeyRow(k.id().value(), k.algorithm(), k.publicKey(), k.privateKey(), k.createdAt(), k.retiredAt());
    }

    static SigningKey toDomain(SigningKeyRow r) {
        return new SigningKey(new SigningKeyId(r.id()), r.algorithm(), r.publicKey(), r.privateKey(), r.createdAt(), r.retiredAt());
    }
}
