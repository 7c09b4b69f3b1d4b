package dev.gatehouse.core.shared;

/** Why an expected failure happened. The HTTP adapter maps each reason to a status in one place. */
public enum Reason {
    /** The input is invalid; {@link Failure#fieldErrors()} names the fields. */
    VALIDATION,
    /** No such resource, or not visible to the caller (cross-tenant ids look absent, never forbidden). */
    NOT_FOUND,
    /** The change collides with existing state (duplicate name, unique slug). */
    CONFLICT,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** The caller is not (or no longer) authenticated. */
    UNAUTHENTICATED,
    /** The resource is in a state that does not allow the transition. */
    INVALID_STATE,
    /** A plan limit would be exceeded. */
    LIMIT_REACHED,
    /** Too many attempts; {@link Failure#details()} carries {@code retry_after} seconds. */
    RATE_LIMITED,
    /** A dependency (database, authorization engine) did not answer; the request may be retried. */
    UNAVAILABLE
}
