package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each project's active signing key with its private part already decrypted, so that a token
 * exchange reads nothing from storage (ADR 30). An entry is re-read {@link #TTL_NANOS} after it was
 * read, by one caller while the others keep signing with it for up to {@link #GRACE_NANOS} more (ADR 38:
 * no stampede of reads when it ages); a rotation on this instance drops it at once, one on another
 * instance is seen at that re-read (until then this instance may sign with the key just retired,
 * which keeps verifying: retired keys stay in the JWKS). A re-read that finds the same active key
 * keeps the decrypted private part (nothing is decrypted again); one that finds another key replaces
 * it, so a retired private key leaves memory. At most {@link #MAX_ENTRIES} projects are held; beyond
 * that the cache starts over. Private keys live only in this process's memory, as while signing.
 */
final class ActiveKeyCache {
    static final long TTL_NANOS = 5_000_000_000L;
    static final long GRACE_NANOS = 5_000_000_000L;
    static final int MAX_ENTRIES = 10_000;

    record Entry(OrganizationId organization, SigningKey key, TokenSigner.Key privateKey, long readAt) {
    }

    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<ProjectId, Entry> entries = new ConcurrentHashMap<>();
    /** Projects whose entry one caller is re-reading (it calls {@link #readDone} when finished). */
    private final Set<ProjectId> rereading = ConcurrentHashMap.newKeySet();

    ActiveKeyCache() {
        this(System::nanoTime);
    }

    ActiveKeyCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * The entry to sign with, or empty when the caller is to read the key and {@link #put} it: none is
     * held, or it is older than {@link #TTL_NANOS} and this caller is the one to re-read it (the others
     * get the entry meanwhile, unless it is older than {@link #TTL_NANOS} + {@link #GRACE_NANOS}).
     */
    Optional<Entry> fresh(ProjectId project) {
        Entry e = entries.get(project);
        if (e == null) {
            return Optional.empty();
        }
        long age = nanoTime.getAsLong() - e.readAt();
        if (age <= TTL_NANOS) {
            return Optional.of(e);
        }
        if (rereading.add(project)) {
            return Optional.empty();
        }
        return age <= TTL_NANOS + GRACE_NANOS ? Optional.of(e) : Optional.empty();
    }

    /** A read that {@link #fresh} asked for has ended (stored or failed): the next stale caller may re-read. */
    void readDone(ProjectId project) {
        rereading.remove(project);
    }

    /** The decrypted private part held for the project when its held key is {@code key}. */
    Optional<TokenSigner.Key> privateKey(ProjectId project, SigningKeyId key) {
        Entry e = entries.get(project);
        return e != null && e.key().id().equals(key) ? Optional.of(e.privateKey()) : Optional.empty();
    }

    void put(ProjectId project, OrganizationId organization, SigningKey key, TokenSigner.Key privateKey) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(project, new Entry(organization, key, privateKey, nanoTime.getAsLong()));
    }

    void invalidate(ProjectId project) {
        entries.remove(project);
    }
}
