package dev.gatehouse.core.sessions;

import java.util.Objects;

/**
 * The sessions feature's driven ports: where sessions are stored. Providers: {@code MemorySessionStores}
 * (core, in memory) and the PostgreSQL adapter's factory.
 */
public record SessionStores(Sessions sessions) {
    public SessionStores {
        Objects.requireNonNull(sessions, "sessions");
    }
}
