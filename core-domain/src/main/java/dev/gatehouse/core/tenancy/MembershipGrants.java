package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.events.TenancyEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The side effects of a membership change, inside the caller's transaction: the role relationship
 * that grants the membership's role, the audit event and the domain event. A failed relationship
 * write fails the result (and so rolls the transaction back).
 */
public record MembershipGrants(Authorizer authorizer, Auditor auditor, Events events) {
    public MembershipGrants {
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
    }

    /** The relationship that gives a membership's role: {@code organization:<org>#<role>@user:<usr>}. */
    public static Relationship relationship(OrganizationId org, UserId user, Role role) {
        return Relationship.of(OrganizationGuard.ref(org), role.relation(), SubjectRef.of("user", user.text()));
    }

    private static Relationship relationship(Membership m) {
        return relationship(m.organizationId(), m.userId(), m.role());
    }

    public Result<Membership> added(Caller caller, Membership m) {
        var written = authorizer.write(List.of(RelationshipUpdate.touch(relationship(m))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", m.userId().text());
        summary.put("role", m.role().relation());
        auditor.record(caller, "member.added", "membership", m.id(), m.organizationId(), summary);
        events.record(new TenancyEvent.MemberAdded(m.organizationId(), data(m)));
        return Result.ok(m);
    }

    public Result<Membership> roleChanged(Caller caller, Membership before, Membership after) {
        var written = authorizer.write(List.of(
                RelationshipUpdate.delete(relationship(before)),
                RelationshipUpdate.touch(relationship(after))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", after.userId().text());
        Auditor.change(summary, "role", before.role().relation(), after.role().relation());
        auditor.record(caller, "member.role_changed", "membership", after.id(), after.organizationId(), summary);
        Map<String, Object> data = data(after);
        data.put("previous_role", before.role().relation());
        events.record(new TenancyEvent.MemberRoleChanged(after.organizationId(), data));
        return Result.ok(after);
    }

    /** @param reason {@code member_removed}, or {@code user_deactivated} when the user left every organization */
    public Result<Membership> removed(Caller caller, Membership m, String reason) {
        var written = authorizer.write(List.of(RelationshipUpdate.delete(relationship(m))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", m.userId().text());
        summary.put("role", m.role().relation());
        summary.put("reason", reason);
        auditor.record(caller, "member.removed", "membership", m.id(), m.organizationId(), summary);
        Map<String, Object> data = data(m);
        data.put("reason", reason);
        events.record(new TenancyEvent.MemberRemoved(m.organizationId(), data));
        return Result.ok(m);
    }

    private static Map<String, Object> data(Membership m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization_id", m.organizationId().text());
        data.put("membership_id", m.id().text());
        data.put("user_id", m.userId().text());
        data.put("role", m.role().relation());
        return data;
    }
}
