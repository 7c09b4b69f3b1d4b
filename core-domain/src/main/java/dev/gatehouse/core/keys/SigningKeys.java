package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.SigningKeyId;

import java.util.List;
import java.util.Optional;

/** The instance's signing keys (project signing keys arrive with the keys capability). */
public interface SigningKeys {
    void add(SigningKey key);

    Optional<SigningKey> byId(SigningKeyId id);

    /** Every key, oldest first. */
    List<SigningKey> all();
}
