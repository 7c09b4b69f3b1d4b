package dev.gatehouse.core.lifecycle;

import java.util.Locale;

/**
 * Why something ended; its {@link #wire()} form is the {@code reason} recorded on what the cascade
 * stopped (a key's {@code revoked_reason}, an event's {@code reason}).
 */
public enum Cause {
    ORGANIZATION_DELETED, PROJECT_DELETED, PROJECT_PURGED, ENVIRONMENT_DELETED, USER_DEACTIVATED, MEMBER_REMOVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
