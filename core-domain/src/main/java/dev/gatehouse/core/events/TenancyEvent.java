package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.UserId;

import java.util.List;
import java.util.Map;

/** Tenancy: organizations, members, invitations, projects and environments. Records with a {@code payload} map carry data built by their feature (see {@link EventCodec}). */
public sealed interface TenancyEvent extends Event {
    @EventSpec(type = "organization.created", description = "An organization was created")
    record OrganizationCreated(OrganizationId organizationId, String slug, UserId ownerId) implements TenancyEvent {
    }

    @EventSpec(type = "organization.updated", description = "An organization's name, slug or settings changed (changed: the fields)")
    record OrganizationUpdated(OrganizationId organizationId, List<String> changed) implements TenancyEvent {
    }

    @EventSpec(type = "organization.deleted", description = "An organization was deleted")
    record OrganizationDeleted(OrganizationId organizationId) implements TenancyEvent {
    }

    @EventSpec(type = "member.added", description = "A user became a member")
    record MemberAdded(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberAdded {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "member.role_changed", description = "A member's role changed")
    record MemberRoleChanged(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberRoleChanged {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "member.removed", description = "A member was removed, or left every organization when their user was deactivated (reason member_removed or user_deactivated)")
    record MemberRemoved(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberRemoved {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "invitation.created", description = "An invitation was sent")
    record InvitationCreated(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationCreated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "invitation.resent", description = "An invitation was sent again")
    record InvitationResent(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationResent {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "invitation.revoked", description = "An invitation was revoked")
    record InvitationRevoked(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationRevoked {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "invitation.accepted", description = "An invitation was accepted")
    record InvitationAccepted(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationAccepted {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "project.created", description = "A project was created")
    record ProjectCreated(ProjectId projectId, OrganizationId organizationId, String name) implements TenancyEvent {
    }

    @EventSpec(type = "project.updated", description = "A project changed (changed: the fields)")
    record ProjectUpdated(ProjectId projectId, OrganizationId organizationId, List<String> changed) implements TenancyEvent {
    }

    @EventSpec(type = "project.deleted", description = "A project was soft-deleted (restorable)")
    record ProjectDeleted(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
    }

    @EventSpec(type = "project.restored", description = "A soft-deleted project was restored")
    record ProjectRestored(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
    }

    @EventSpec(type = "project.purged", description = "A soft-deleted project was removed for good")
    record ProjectPurged(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
    }

    @EventSpec(type = "environment.created", description = "An environment was created")
    record EnvironmentCreated(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public EnvironmentCreated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "environment.deleted", description = "An environment was deleted")
    record EnvironmentDeleted(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public EnvironmentDeleted {
            payload = EventCodec.copy(payload);
        }
    }
}
