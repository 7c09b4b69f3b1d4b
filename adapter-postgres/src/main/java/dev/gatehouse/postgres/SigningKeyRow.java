package dev.gatehouse.postgres;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code signing_keys} (DER-encoded key material); see {@link SigningKeyMapper}. */
@MappedEntity("signing_keys")
record SigningKeyRow(@Id UUID id, String algorithm, byte[] publicKey, byte[] privateKey, Instant createdAt,
                     @Nullable Instant retiredAt) {
}
