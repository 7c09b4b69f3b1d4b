package dev.gatehouse.core.lifecycle;

import dev.gatehouse.core.shared.Caller;

import java.time.Instant;
import java.util.Objects;

/**
 * Something ended: its {@link Scope}, the {@link Cause}, who ended it and when. The dependents record
 * {@code caller} as the actor of what they stop and {@code cause} as its reason.
 */
public record Ending(Caller caller, Scope scope, Cause cause, Instant at) {
    public Ending {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(at, "at");
    }

    /** The same caller, cause and time for another scope (a user's deactivation, per membership). */
    public Ending beneath(Scope inner) {
        return new Ending(caller, inner, cause, at);
    }

    /** Whether the rows go for good (a purge), rather than being marked as stopped. */
    public boolean purge() {
        return cause == Cause.PROJECT_PURGED;
    }
}
