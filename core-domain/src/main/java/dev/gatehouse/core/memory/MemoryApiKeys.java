package dev.gatehouse.core.memory;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API keys in memory, by id (the hash is unique). */
public final class MemoryApiKeys implements ApiKeys {
    private final MemoryTransactions tx;
    private final Map<ApiKeyId, ApiKey> byId = new ConcurrentHashMap<>();

    public MemoryApiKeys(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(ApiKey key) {
        tx.write(() -> {
            if (byId.containsKey(key.id()) || byId.values().stream().anyMatch(k -> k.hash().equals(key.hash()))) {
                throw new IllegalStateException("api key " + key.id() + " exists");
            }
            byId.put(key.id(), key);
        }, () -> byId.remove(key.id(), key));
    }

    @Override
    public Optional<ApiKey> byId(ApiKeyId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<ApiKey> byHash(String hash) {
        return tx.read(() -> byId.values().stream().filter(k -> k.hash().equals(hash)).findFirst());
    }

    @Override
    public Optional<ApiKey> lockById(ApiKeyId id) {
        return byId(id); // memory transactions are serial
    }

    @Override
    public void recordLastUsed(Map<ApiKeyId, Instant> lastUsed) {
        lastUsed.forEach((id, at) -> {
            ApiKey current = byId.get(id);
            if (current != null && (current.lastUsedAt() == null || at.isAfter(current.lastUsedAt()))) {
                update(current.withLastUsedAt(at));
            }
        });
    }

    @Override
    public List<ApiKey> dueForLifecycle(Instant now, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(k -> due(k, now))
                .sorted(Comparator.comparing((ApiKey k) -> k.id().value(), MemorySort.UUID_ORDER))
                .limit(limit)
                .toList());
    }

    private static boolean due(ApiKey k, Instant now) {
        if (k.status() == ApiKeyStatus.ROTATING) {
            return !k.usableAt(now);
        }
        if (k.status() != ApiKeyStatus.ACTIVE || k.expiresAt() == null) {
            return false;
        }
        if (!now.isBefore(k.expiresAt())) {
            return true;
        }
        return k.expiryWarnings() < ApiKey.EXPIRY_WARNINGS.size()
                && !now.plus(ApiKey.EXPIRY_WARNINGS.get(k.expiryWarnings())).isBefore(k.expiresAt());
    }

    @Override
    public void update(ApiKey given) {
        ApiKey[] before = {null};
        tx.write(() -> {
            ApiKey old = byId.get(given.id());
            if (old == null) {
                return;
            }
            before[0] = old;
            boolean keepLastUse = old.lastUsedAt() != null
                    && (given.lastUsedAt() == null || old.lastUsedAt().isAfter(given.lastUsedAt()));
            byId.put(given.id(), keepLastUse ? given.withLastUsedAt(old.lastUsedAt()) : given); // last use never goes back
        }, () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    private static final MemoryListing<ApiKey> LISTING = new MemoryListing<>(ApiKey::createdAt, ApiKey::createdAt,
            k -> k.id().value(), List.of(ApiKey::name),
            Map.of("created_at", Comparator.comparing(ApiKey::createdAt), "name", Comparator.comparing(ApiKey::name)),
            Comparator.comparing(ApiKey::createdAt).reversed());

    @Override
    public Page<ApiKey> list(OrganizationId organization, ProjectId project, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), k -> k.organizationId().equals(organization)
                && Objects.equals(k.projectId(), project)
                && (q.status() == null || k.status().wire().equals(q.status())), q));
    }

    @Override
    public List<ApiKey> liveWithin(OrganizationId organization, ProjectId project, dev.gatehouse.core.shared.EnvironmentId environment) {
        return tx.read(() -> byId.values().stream()
                .filter(k -> k.organizationId().equals(organization))
                .filter(k -> project == null || project.equals(k.projectId()))
                .filter(k -> environment == null || environment.equals(k.environmentId()))
                .filter(k -> k.status() == ApiKeyStatus.ACTIVE || k.status() == ApiKeyStatus.ROTATING)
                .sorted(Comparator.comparing((ApiKey k) -> k.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }

    @Override
    public List<ApiKey> ofProject(ProjectId project) {
        return tx.read(() -> byId.values().stream().filter(k -> project.equals(k.projectId()))
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList());
    }

    @Override
    public int removeAllOf(ProjectId project) {
        List<ApiKey> gone = ofProject(project);
        for (ApiKey k : gone) {
            tx.write(() -> byId.remove(k.id()), () -> byId.put(k.id(), k));
        }
        return gone.size();
    }
}
