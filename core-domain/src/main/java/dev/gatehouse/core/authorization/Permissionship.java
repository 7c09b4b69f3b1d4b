package dev.gatehouse.core.authorization;

/** The answer to a check. */
public enum Permissionship {
    HAS_PERMISSION,
    NO_PERMISSION
}
