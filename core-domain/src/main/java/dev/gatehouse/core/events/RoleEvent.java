package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;

import java.util.List;
import java.util.Map;

/** Custom roles and role assignments. Records with a {@code payload} map carry data built by their feature (see {@link EventCodec}). */
public sealed interface RoleEvent extends Event {
    @EventSpec(type = "role.created", description = "A custom role was created")
    record RoleCreated(OrganizationId organizationId, Map<String, Object> payload) implements RoleEvent {
        public RoleCreated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "role.updated", description = "A custom role's permissions were replaced")
    record RoleUpdated(OrganizationId organizationId, Map<String, Object> payload) implements RoleEvent {
        public RoleUpdated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "role.deleted", description = "A custom role was deleted with its assignments")
    record RoleDeleted(OrganizationId organizationId, Map<String, Object> payload) implements RoleEvent {
        public RoleDeleted {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "role_assignment.created", description = "A role was assigned to a user on a resource")
    record RoleAssignmentCreated(OrganizationId organizationId, Map<String, Object> payload) implements RoleEvent {
        public RoleAssignmentCreated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "role_assignment.deleted", description = "A role assignment was removed (with the cause as reason when something it was on went away)")
    record RoleAssignmentDeleted(OrganizationId organizationId, Map<String, Object> payload) implements RoleEvent {
        public RoleAssignmentDeleted {
            payload = EventCodec.copy(payload);
        }
    }
}
