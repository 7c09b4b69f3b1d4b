package dev.gatehouse.core.memory;

import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.idempotency.StoredResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency records in memory. Claims are atomic through {@link ConcurrentHashMap#compute}; these
 * records are deliberately outside transactions (a claim must be visible to concurrent requests at
 * once, as it is in PostgreSQL where it commits on its own).
 */
public final class MemoryIdempotencyRecords implements IdempotencyRecords {
    private record Key(String principalId, String key) {
    }

    private final Map<Key, IdempotencyRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord fresh, Instant now) {
        IdempotencyRecord[] existing = {null};
        records.compute(new Key(fresh.principalId(), fresh.key()), (k, old) -> {
            if (old == null || old.replaceableAt(now)) {
                return fresh;
            }
            existing[0] = old;
            return old;
        });
        return Optional.ofNullable(existing[0]);
    }

    @Override
    public void complete(String principalId, String key, String fingerprint, StoredResponse response) {
        records.computeIfPresent(new Key(principalId, key), (k, r) -> r.fingerprint().equals(fingerprint) && !r.completed()
                ? new IdempotencyRecord(r.principalId(), r.key(), r.fingerprint(), response, r.createdAt(), r.lockedUntil(), r.expiresAt())
                : r);
    }

    @Override
    public void release(String principalId, String key, String fingerprint) {
        records.computeIfPresent(new Key(principalId, key), (k, r) -> r.fingerprint().equals(fingerprint) && !r.completed() ? null : r);
    }

    @Override
    public Optional<IdempotencyRecord> find(String principalId, String key) {
        return Optional.ofNullable(records.get(new Key(principalId, key)));
    }

    @Override
    public int purgeExpired(Instant now) {
        int[] removed = {0};
        records.entrySet().removeIf(e -> {
            boolean expired = !e.getValue().expiresAt().isAfter(now);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }
}
