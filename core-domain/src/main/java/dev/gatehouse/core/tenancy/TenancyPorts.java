package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.util.Objects;

/**
 * What the tenancy use cases share: their stores, the authorizer (relationships are written through
 * it, in the use case's transaction), the access guard, audit and event recording, time, ids, the
 * mailer, where invitation links point, and the entitlements members count against.
 */
public record TenancyPorts(Organizations organizations, Memberships memberships, Invitations invitations, Users users,
                           Authorizer authorizer, AccessControl access, Auditor auditor, Events events,
                           Transactions tx, Clock clock, IdGenerator ids, Mailer mailer, InvitationLinks links,
                           Quota entitlements) {
    public TenancyPorts {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(entitlements, "entitlements");
    }

    /** The relationship that gives a membership's role: {@code organization:<org>#<role>@user:<usr>}. */
    public static Relationship relationship(OrganizationId org, UserId user, Role role) {
        return Relationship.of(ref(org), role.relation(), SubjectRef.of("user", user.text()));
    }

    /** The organization as an object of the permission system. */
    public static ObjectRef ref(OrganizationId id) {
        return new ObjectRef("organization", id.text());
    }
}
