package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;

import java.util.List;

/** Users, instance-wide (no organization). Records with a {@code payload} map carry data built by their feature (see {@link EventCodec}). */
public sealed interface IdentityEvent extends Event {
    @EventSpec(type = "user.updated", description = "A user's profile changed (changed: the fields)")
    record UserUpdated(UserId userId, List<String> changed) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }

        public static UserUpdated example() {
            return new UserUpdated(Examples.USR, List.of("name"));
        }
    }

    @EventSpec(type = "user.deactivated", description = "A user was deactivated")
    record UserDeactivated(UserId userId) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }

        public static UserDeactivated example() {
            return new UserDeactivated(Examples.USR);
        }
    }
}
