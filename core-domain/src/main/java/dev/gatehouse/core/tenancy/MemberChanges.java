package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side effects of a membership change, inside the caller's transaction: the role relationship,
 * the audit event and the domain event. A failed relationship write fails the result (and so rolls
 * the transaction back).
 */
final class MemberChanges {
    private MemberChanges() {
    }

    static Result<Membership> added(TenancyPorts p, Caller caller, Membership m) {
        var written = p.authorizer().write(List.of(RelationshipUpdate.touch(
                TenancyPorts.relationship(m.organizationId(), m.userId(), m.role()))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", m.userId().text());
        summary.put("role", m.role().relation());
        p.auditor().record(caller, "member.added", "membership", m.id(), m.organizationId(), summary);
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.MemberAdded(m.organizationId(), data(m)));
        return Result.ok(m);
    }

    static Result<Membership> roleChanged(TenancyPorts p, Caller caller, Membership before, Membership after) {
        var written = p.authorizer().write(List.of(
                RelationshipUpdate.delete(TenancyPorts.relationship(before.organizationId(), before.userId(), before.role())),
                RelationshipUpdate.touch(TenancyPorts.relationship(after.organizationId(), after.userId(), after.role()))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", after.userId().text());
        dev.gatehouse.core.audit.Auditor.change(summary, "role", before.role().relation(), after.role().relation());
        p.auditor().record(caller, "member.role_changed", "membership", after.id(), after.organizationId(), summary);
        Map<String, Object> data = data(after);
        data.put("previous_role", before.role().relation());
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.MemberRoleChanged(after.organizationId(), data));
        return Result.ok(after);
    }

    /** @param reason {@code member_removed}, or {@code user_deactivated} when the user left every organization */
    static Result<Membership> removed(TenancyPorts p, Caller caller, Membership m, String reason) {
        var written = p.authorizer().write(List.of(RelationshipUpdate.delete(
                TenancyPorts.relationship(m.organizationId(), m.userId(), m.role()))));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("user_id", m.userId().text());
        summary.put("role", m.role().relation());
        summary.put("reason", reason);
        p.auditor().record(caller, "member.removed", "membership", m.id(), m.organizationId(), summary);
        Map<String, Object> data = data(m);
        data.put("reason", reason);
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.MemberRemoved(m.organizationId(), data));
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
