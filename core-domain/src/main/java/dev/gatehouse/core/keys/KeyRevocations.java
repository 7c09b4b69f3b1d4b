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

    /** Starts delivering other instances' revocations to {@code cache}; nothing to do by default. */
    default void deliverTo(ApiKeyCache cache) {
    }

    /** A single process: its own revocations already drop its cache entries; nothing to announce. */
    static KeyRevocations none() {
        return keyHash -> {
        };
    }
}
