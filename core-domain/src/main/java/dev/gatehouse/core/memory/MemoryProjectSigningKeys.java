package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.ProjectSigningKey;
import dev.gatehouse.core.tokens.ProjectSigningKeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Project signing keys in memory. Writes run under the memory transactions' exclusive lock, so
 * {@link #lock} has nothing to add; {@link #add} still refuses a second active key of a project.
 */
public final class MemoryProjectSigningKeys implements ProjectSigningKeys {
    private final MemoryTransactions tx;
    private final Map<SigningKeyId, ProjectSigningKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    public MemoryProjectSigningKeys(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void lock(ProjectId project) {
        // writes are serialized by MemoryTransactions' write lock
    }

    @Override
    public void add(ProjectSigningKey key) {
        tx.write(() -> {
            if (keys.containsKey(key.id())) {
                throw new IllegalStateException("signing key " + key.id() + " exists");
            }
            if (key.active() && keys.values().stream().anyMatch(k -> k.active() && k.projectId().equals(key.projectId()))) {
                throw new IllegalStateException("project " + key.projectId() + " already has an active signing key");
            }
            keys.put(key.id(), key);
        }, () -> keys.remove(key.id()));
    }

    @Override
    public boolean retire(SigningKeyId id, Instant at) {
        boolean[] done = {false};
        ProjectSigningKey[] before = {null};
        tx.write(() -> {
            ProjectSigningKey k = keys.get(id);
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
    public Optional<ProjectSigningKey> active(ProjectId project) {
        return tx.read(() -> keys.values().stream().filter(k -> k.active() && k.projectId().equals(project)).findFirst());
    }

    @Override
    public List<ProjectSigningKey> ofProject(ProjectId project) {
        return tx.read(() -> keys.values().stream().filter(k -> k.projectId().equals(project))
                .sorted(Comparator.comparing(ProjectSigningKey::createdAt).thenComparing(k -> k.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        List<ProjectSigningKey> removed = new ArrayList<>();
        tx.write(() -> keys.values().removeIf(k -> {
            if (k.projectId().equals(project)) {
                removed.add(k);
                return true;
            }
            return false;
        }), () -> removed.forEach(k -> keys.put(k.id(), k)));
        return removed.size();
    }
}
