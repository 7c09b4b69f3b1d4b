package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each project's active signing key with its private part already decrypted, so that a token
 * exchange reads nothing from storage (ADR 30). An entry is used for at most {@link #TTL_NANOS}
 * after it was read; a rotation on this instance drops it at once, one on another instance is seen
 * within that time (until then this instance may sign with the key just retired, which keeps
 * verifying: retired keys stay in the JWKS). At most {@link #MAX_ENTRIES} projects are held; beyond
 * that the cache starts over. Private keys live only in this process's memory, as while signing.
 */
final class ActiveKeyCache {
    static final long TTL_NANOS = 5_000_000_000L;
    static final int MAX_ENTRIES = 10_000;

    record Entry(OrganizationId organization, SigningKey key, TokenSigner.Key privateKey, long readAt) {
    }

    private final ConcurrentHashMap<ProjectId, Entry> entries = new ConcurrentHashMap<>();

    Optional<Entry> fresh(ProjectId project) {
        Entry e = entries.get(project);
        if (e == null || System.nanoTime() - e.readAt() > TTL_NANOS) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    void put(ProjectId project, OrganizationId organization, SigningKey key, TokenSigner.Key privateKey) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(project, new Entry(organization, key, privateKey, System.nanoTime()));
    }

    void invalidate(ProjectId project) {
        entries.remove(project);
    }
}
