package dev.gatehouse.core.keys;

/**
 * Tells the other instances sharing the stores that a key was revoked, so they drop it from their
 * {@link ApiKeyCache} at once instead of when the entry expires. {@link #announce} is called inside
 * the revoking transaction: an implementation must deliver only if that transaction commits. An
 * implementation that can hear other instances delivers their revocations to the cache given to
 * {@link #deliverTo} ({@link ApiKeyCache#invalidate}, and {@link ApiKeyCache#clear} after any gap in
 * which announcements may have been missed).
 */
public interface KeyRevocations {
    /** Announces the revocation of the key with this hash (SHA-256 hex of the key; not loggable). */
    void announce(String keyHash);

    /**
     * Announces that an organization, project or environment (by id text) was deleted, so other
     * instances forget whether it disables its keys ({@link ApiKeyCache#invalidateOwner}); called inside
     * the deleting transaction, delivered only if it commits. Its keys are announced one by one as they
     * are revoked; this covers a key issued while the deletion ran. Nothing to do by default.
     */
    default void announceOwner(String ownerId) {
    }

    /** Starts delivering other instances' revocations to {@code cache}; nothing to do by default. */
    default void deliverTo(ApiKeyCache cache) {
    }

    /** A single process: its own revocations already drop its cache entries; nothing to announce. */
    static KeyRevocations none() {
        return keyHash -> {
        };
    }
}
