package dev.gatehouse.core.memory;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.shared.SigningKeyId;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Signing keys in memory (gone at restart: sessions do not survive an embedded restart). */
public final class MemorySigningKeys implements SigningKeys {
    private final MemoryTransactions tx;
    private final List<SigningKey> keys = new CopyOnWriteArrayList<>();

    public MemorySigningKeys(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(SigningKey key) {
        tx.write(() -> {
            if (keys.stream().anyMatch(k -> k.id().equals(key.id()))) {
                throw new IllegalStateException("signing key " + key.id() + " exists");
            }
            keys.add(key);
        }, () -> keys.remove(key));
    }

    @Override
    public Optional<SigningKey> byId(SigningKeyId id) {
        return tx.read(() -> keys.stream().filter(k -> k.id().equals(id)).findFirst());
    }

    @Override
    public List<SigningKey> all() {
        return tx.read(() -> keys.stream()
                .sorted(java.util.Comparator.comparing(SigningKey::createdAt)
                        .thenComparing(k -> k.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }
}
