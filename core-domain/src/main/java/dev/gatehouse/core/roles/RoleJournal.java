package dev.gatehouse.core.roles;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.events.RoleEvent;
import dev.gatehouse.core.shared.Caller;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a change to roles leaves behind, in the caller's transaction: the audit entry and the domain
 * event, both carrying the same data ({@link #data(CustomRole)}, {@link #data(RoleAssignment)}).
 */
public record RoleJournal(Auditor auditor, Events events) {
    public RoleJournal {
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
    }

    static Map<String, Object> data(CustomRole r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("role_id", r.id().text());
        d.put("organization_id", r.organizationId().text());
        d.put("name", r.name());
        d.put("permissions", r.scopes());
        return d;
    }

    static Map<String, Object> data(RoleAssignment a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("role_assignment_id", a.id().text());
        d.put("organization_id", a.organizationId().text());
        d.put("role_id", a.roleKey());
        d.put("built_in", a.builtIn() != null);
        d.put("user_id", a.userId().text());
        d.put("resource_type", a.resource().type());
        d.put("resource_id", a.resource().id());
        if (a.expiresAt() != null) {
            d.put("expires_at", a.expiresAt().toString());
        }
        return d;
    }

    /** {@code role.created}. */
    void roleCreated(Caller caller, CustomRole role) {
        var data = data(role);
        auditor.record(caller, "role.created", "role", role.id(), role.organizationId(), data);
        events.record(new RoleEvent.RoleCreated(role.organizationId(), data));
    }

    /** {@code role.updated}, with the role's data and the change. */
    void roleUpdated(Caller caller, CustomRole role, Map<String, Object> changes) {
        auditor.record(caller, "role.updated", "role", role.id(), role.organizationId(), changes);
        events.record(new RoleEvent.RoleUpdated(role.organizationId(), changes));
    }

    /** {@code role.deleted}, with how many assignments went with it. */
    void roleDeleted(Caller caller, CustomRole role, int assignmentsRemoved) {
        var data = data(role);
        data.put("assignments_removed", assignmentsRemoved);
        auditor.record(caller, "role.deleted", "role", role.id(), role.organizationId(), data);
        events.record(new RoleEvent.RoleDeleted(role.organizationId(), data));
    }

    /** {@code role_assignment.created}. */
    void assignmentCreated(Caller caller, RoleAssignment a) {
        var data = data(a);
        auditor.record(caller, "role_assignment.created", "role_assignment", a.id(), a.organizationId(), data);
        events.record(new RoleEvent.RoleAssignmentCreated(a.organizationId(), data));
    }

    /** {@code role_assignment.deleted}; {@code reason} (a lifecycle cause) when an ending removed it, else null. */
    void assignmentDeleted(Caller caller, RoleAssignment a, String reason) {
        var data = data(a);
        if (reason != null) {
            data.put("reason", reason);
        }
        auditor.record(caller, "role_assignment.deleted", "role_assignment", a.id(), a.organizationId(), data);
        events.record(new RoleEvent.RoleAssignmentDeleted(a.organizationId(), data));
    }
}
