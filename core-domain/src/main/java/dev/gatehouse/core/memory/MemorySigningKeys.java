package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.SigningKeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys of the instance and of projects in memory. Writes run under the memory transactions'
 * exclusive lock, so {@link #lock} has nothing to add; {@link #add} still refuses a second active key
 * of a project.
 */
public final class MemorySigningKeys implements SigningKeys {
    private final MemoryTransactions tx;
    private final Map<SigningKeyId, SigningKey> keys = new ConcurrentHashMap<>();

    public MemorySigningKeys(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void lock(KeyOwner owner) {
        // writes are serialized by MemoryTransactions' write lock
    }

    @Override
    public void add(SigningKey key) {
        tx.write(() -> {
            if (keys.containsKey(key.id())) {
                throw new IllegalStateException("signing key " + key.id() + " exists");
            }
            if (key.active() && key.owner() instanceof KeyOwner.Project p
                    && keys.values().stream().anyMatch(k -> k.active() && k.owner().equals(p))) {
                throw new IllegalStateException("project " + p.project() + " already has an active signing key");
            }
            keys.put(key.id(), key);
        }, () -> keys.remove(key.id()));
    }

    @Override
    public boolean retire(SigningKeyId id, Instant at) {
        boolean[] done = {false};
        SigningKey[] before = {null};
        tx.write(() -> {
            SigningKey k = keys.get(id);
            if (k != null && k.active()) {
                before[0] = k;
                keys.put(id, k.retired(at));
                done[0] = true;
            }
        }, () -> {
            if (before[0] != null) {
                keys.put(id, before[0]);
            }
        });
        return done[0];
    }

    @Override
    public List<SigningKey> of(KeyOwner owner) {
        return tx.read(() -> keys.values().stream().filter(k -> k.owner().equals(owner))
                .sorted(Comparator.comparing(SigningKey::createdAt).thenComparing(k -> k.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        KeyOwner owner = KeyOwner.project(project);
        List<SigningKey> removed = new ArrayList<>();
        tx.write(() -> keys.values().removeIf(k -> {
            if (k.owner().equals(owner)) {
                removed.add(k);
                return true;
            }
            return false;
        }), () -> removed.forEach(k -> keys.put(k.id(), k)));
        return removed.size();
    }
}
