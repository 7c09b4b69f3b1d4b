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
        public static OrganizationCreated example() {
            return new OrganizationCreated(Examples.ORG, "acme", Examples.USR);
        }
    }

    @EventSpec(type = "organization.updated", description = "An organization's name, slug or settings changed (changed: the fields)")
    record OrganizationUpdated(OrganizationId organizationId, List<String> changed) implements TenancyEvent {
        public static OrganizationUpdated example() {
            return new OrganizationUpdated(Examples.ORG, List.of("name"));
        }
    }

    @EventSpec(type = "organization.deleted", description = "An organization was deleted")
    record OrganizationDeleted(OrganizationId organizationId) implements TenancyEvent {
        public static OrganizationDeleted example() {
            return new OrganizationDeleted(Examples.ORG);
        }
    }

    @EventSpec(type = "member.added", description = "A user became a member")
    record MemberAdded(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberAdded {
            payload = EventCodec.copy(payload);
        }

        public static MemberAdded example() {
            return new MemberAdded(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "user_id", Examples.USR_TEXT, "role", "member"));
        }
    }

    @EventSpec(type = "member.role_changed", description = "A member's role changed")
    record MemberRoleChanged(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberRoleChanged {
            payload = EventCodec.copy(payload);
        }

        public static MemberRoleChanged example() {
            return new MemberRoleChanged(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "user_id", Examples.USR_TEXT, "from", "member", "to", "admin"));
        }
    }

    @EventSpec(type = "member.removed", description = "A member was removed, or left every organization when their user was deactivated (reason member_removed or user_deactivated)")
    record MemberRemoved(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public MemberRemoved {
            payload = EventCodec.copy(payload);
        }

        public static MemberRemoved example() {
            return new MemberRemoved(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "user_id", Examples.USR_TEXT, "reason", "member_removed"));
        }
    }

    @EventSpec(type = "invitation.created", description = "An invitation was sent")
    record InvitationCreated(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationCreated {
            payload = EventCodec.copy(payload);
        }

        public static InvitationCreated example() {
            return new InvitationCreated(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "invitation_id", "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member"));
        }
    }

    @EventSpec(type = "invitation.resent", description = "An invitation was sent again")
    record InvitationResent(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationResent {
            payload = EventCodec.copy(payload);
        }

        public static InvitationResent example() {
            return new InvitationResent(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "invitation_id", "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member"));
        }
    }

    @EventSpec(type = "invitation.revoked", description = "An invitation was revoked")
    record InvitationRevoked(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationRevoked {
            payload = EventCodec.copy(payload);
        }

        public static InvitationRevoked example() {
            return new InvitationRevoked(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "invitation_id", "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member"));
        }
    }

    @EventSpec(type = "invitation.accepted", description = "An invitation was accepted")
    record InvitationAccepted(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public InvitationAccepted {
            payload = EventCodec.copy(payload);
        }

        public static InvitationAccepted example() {
            return new InvitationAccepted(Examples.ORG, Examples.map("organization_id", Examples.ORG_TEXT, "invitation_id", "inv_01jd0000000000000000000000", "email", "ada@example.com", "role", "member"));
        }
    }

    @EventSpec(type = "project.created", description = "A project was created")
    record ProjectCreated(ProjectId projectId, OrganizationId organizationId, String name) implements TenancyEvent {
        public static ProjectCreated example() {
            return new ProjectCreated(Examples.PRJ, Examples.ORG, "Web");
        }
    }

    @EventSpec(type = "project.updated", description = "A project changed (changed: the fields)")
    record ProjectUpdated(ProjectId projectId, OrganizationId organizationId, List<String> changed) implements TenancyEvent {
        public static ProjectUpdated example() {
            return new ProjectUpdated(Examples.PRJ, Examples.ORG, List.of("name"));
        }
    }

    @EventSpec(type = "project.deleted", description = "A project was soft-deleted (restorable)")
    record ProjectDeleted(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
        public static ProjectDeleted example() {
            return new ProjectDeleted(Examples.PRJ, Examples.ORG);
        }
    }

    @EventSpec(type = "project.restored", description = "A soft-deleted project was restored")
    record ProjectRestored(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
        public static ProjectRestored example() {
            return new ProjectRestored(Examples.PRJ, Examples.ORG);
        }
    }

    @EventSpec(type = "project.purged", description = "A soft-deleted project was removed for good")
    record ProjectPurged(ProjectId projectId, OrganizationId organizationId) implements TenancyEvent {
        public static ProjectPurged example() {
            return new ProjectPurged(Examples.PRJ, Examples.ORG);
        }
    }

    @EventSpec(type = "environment.created", description = "An environment was created")
    record EnvironmentCreated(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public EnvironmentCreated {
            payload = EventCodec.copy(payload);
        }

        public static EnvironmentCreated example() {
            return new EnvironmentCreated(Examples.ORG, Examples.map("environment_id", Examples.ENV_TEXT, "project_id", Examples.PRJ_TEXT, "organization_id", Examples.ORG_TEXT, "name", "staging", "kind", "staging"));
        }
    }

    @EventSpec(type = "environment.deleted", description = "An environment was deleted")
    record EnvironmentDeleted(OrganizationId organizationId, Map<String, Object> payload) implements TenancyEvent {
        public EnvironmentDeleted {
            payload = EventCodec.copy(payload);
        }

        public static EnvironmentDeleted example() {
            return new EnvironmentDeleted(Examples.ORG, Examples.map("environment_id", Examples.ENV_TEXT, "project_id", Examples.PRJ_TEXT, "organization_id", Examples.ORG_TEXT, "name", "staging", "kind", "staging"));
        }
    }
}
