package dev.gatehouse.core.authorization;

/**
 * The answer to a check. {@link #CONDITIONAL_PERMISSION} (caveats only) means the answer depends on
 * caveat context the question did not give; it never allows anything.
 */
public enum Permissionship {
    HAS_PERMISSION,
    NO_PERMISSION,
    CONDITIONAL_PERMISSION
}
