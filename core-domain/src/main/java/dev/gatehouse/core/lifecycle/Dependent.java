package dev.gatehouse.core.lifecycle;

/**
 * One feature's part of a cascade: stops what it owns beneath an {@link Ending}'s scope. Ignores the
 * scopes it owns nothing under.
 */
public interface Dependent {
    /**
     * Inside the ending's transaction: stop (or, for a purge, remove) what is beneath the scope, with
     * audit and events. Throwing rolls the whole ending back (nothing may be left half-stopped).
     */
    void end(Ending ending);

    /**
     * After the ending committed: forget what this instance cached about the scope (other instances
     * hear of it through the feature's own announcements). Never throws.
     */
    default void settled(Ending ending) {
    }
}
