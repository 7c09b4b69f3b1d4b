package dev.gatehouse.core.shared;

import java.util.Objects;

/** The acting principal and the origin of the call: the first component of every command. */
public record Caller(Principal principal, Origin origin) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(origin, "origin");
    }

    public static Caller system(String job) {
        return new Caller(new Principal.System(job), Origin.none());
    }
}
