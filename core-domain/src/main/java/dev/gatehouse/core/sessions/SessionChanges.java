package dev.gatehouse.core.sessions;

import dev.gatehouse.core.shared.UserId;

/**
 * Tells the other instances sharing the stores that a user's sessions changed (logout, a revoked
 * session, the user deactivated), so they drop what their {@link SessionCache} holds for that user at
 * once instead of within its TTL. {@link #announce} is called inside the changing transaction: an
 * implementation must deliver only if that transaction commits. An implementation that can hear other
 * instances delivers their announcements to the cache given to {@link #deliverTo}
 * ({@link SessionCache#invalidateUser}, and {@link SessionCache#clear} after any gap in which
 * announcements may have been missed).
 */
public interface SessionChanges {
    /** Announces that the user's sessions changed. */
    void announce(UserId user);

    /** Starts delivering other instances' announcements to {@code cache}; nothing to do by default. */
    default void deliverTo(SessionCache cache) {
    }

    /** A single process: its own changes already drop its cache entries; nothing to announce. */
    static SessionChanges none() {
        return user -> {
        };
    }
}
