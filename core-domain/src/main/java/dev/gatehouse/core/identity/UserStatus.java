package dev.gatehouse.core.identity;

/** A deactivated user cannot log in, and sessions issued before deactivation stop working at once. */
public enum UserStatus {
    ACTIVE, DEACTIVATED
}
