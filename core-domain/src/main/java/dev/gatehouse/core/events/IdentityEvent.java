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
    }

    @EventSpec(type = "user.deactivated", description = "A user was deactivated")
    record UserDeactivated(UserId userId) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }
    }

    @EventSpec(type = "user.signed_up", description = "Someone without an account accepted an invitation with a name and password "
            + "(via invitation, with the organization), or signed up on their own (via open; unverified until user.email_verified)")
    record UserSignedUp(OrganizationId organizationId, UserId userId, String via) implements IdentityEvent {
    }

    @EventSpec(type = "user.email_verified", description = "A user who signed up on their own used the link mailed to their "
            + "address: the account is verified and can sign in")
    record UserEmailVerified(UserId userId) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }
    }

    @EventSpec(type = "session.ended", description = "A user logged out (reason logout)")
    record SessionEnded(UserId userId, String sessionId, String reason) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }
    }

    @EventSpec(type = "session.revoked", description = "A session was revoked by its user or a platform admin, or ended with its user's "
            + "deactivation (reason revoked or user_deactivated)")
    record SessionRevoked(UserId userId, String sessionId, String reason) implements IdentityEvent {
        public OrganizationId organizationId() {
            return null;
        }
    }
}
