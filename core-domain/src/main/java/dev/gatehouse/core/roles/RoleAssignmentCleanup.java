package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The role assignments' part of every lifecycle cascade (ADR 0018): removes those whose reason to exist
 * is gone, inside the ending's transaction: those of a member removed from the organization (so a
 * custom role on a project does not outlive the membership), those on a deleted environment, those on
 * a purged project or its environments, and every one of a deleted organization. A soft-deleted
 * project keeps its assignments for a restore (nothing can be reached through it meanwhile). Each
 * removal withdraws the relationships and records {@code role_assignment.deleted} with the reason.
 */
public record RoleAssignmentCleanup(Roles roles, RoleTargets targets, RoleBindings bindings, RoleJournal journal) implements Dependent {
    @Override
    public void end(Ending ending) {
        Scope scope = ending.scope();
        if (scope instanceof Scope.Member m) {
            remove(ending, all(new Roles.AssignmentFilter(m.user(), null, null), m.organization()));
        } else if (scope instanceof Scope.Organization o) {
            remove(ending, all(Roles.AssignmentFilter.all(), o.organization()));
        } else if (scope instanceof Scope.Environment e) {
            remove(ending, all(new Roles.AssignmentFilter(null, null, new ObjectRef("environment", e.environment().text())),
                    e.organization()));
        } else if (scope instanceof Scope.Project p && ending.purge()) {
            List<RoleAssignment> gone = new ArrayList<>(all(new Roles.AssignmentFilter(null, null,
                    new ObjectRef("project", p.project().text())), p.organization()));
            targets.environmentsOf(p.project()).forEach(e -> gone.addAll(all(new Roles.AssignmentFilter(null, null, e),
                    p.organization())));
            remove(ending, gone);
        }
    }

    private List<RoleAssignment> all(Roles.AssignmentFilter filter, dev.gatehouse.core.shared.OrganizationId org) {
        List<RoleAssignment> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var found = roles.assignments(org, filter, new PageRequest(page, PageRequest.MAX_PER_PAGE, List.of()));
            out.addAll(found.items());
            if (page >= found.lastPage()) {
                return out;
            }
        }
    }

    private void remove(Ending ending, List<RoleAssignment> assignments) {
        if (assignments.isEmpty()) {
            return;
        }
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (RoleAssignment a : assignments) {
            roles.removeAssignment(a.id());
            RoleBindings.relationshipsOf(a).forEach(r -> updates.add(RelationshipUpdate.delete(r)));
        }
        // inside the ending's transaction: a refusal rolls the whole ending back
        dev.gatehouse.core.lifecycle.Cascade.orRefuse(bindings.write(updates));
        assignments.forEach(a -> journal.assignmentDeleted(ending.caller(), a, ending.cause().wire()));
    }
}
