package dev.gatehouse.core.sessions;

import java.util.Objects;

/**
 * The sessions feature's driven ports: where sessions are stored, and how other instances hear that a
 * user's sessions changed ({@link SessionChanges#none()} for a single process). Providers:
 * {@code MemorySessionStores} (core, in memory) and the PostgreSQL adapter's factory.
 */
public record SessionStores(Sessions sessions, SessionChanges changes) {
    public SessionStores {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(changes, "changes");
    }

    /** Sessions of a single process: nothing to announce. */
    public SessionStores(Sessions sessions) {
        this(sessions, SessionChanges.none());
    }
}
