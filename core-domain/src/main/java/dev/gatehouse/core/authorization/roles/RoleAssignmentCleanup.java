package dev.gatehouse.core.authorization.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.tenancy.MemberDependents;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.ProjectDependents;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes role assignments whose reason to exist is gone, inside the caller's transaction: those of a
 * member removed from the organization (so a custom role on a project does not outlive the
 * membership) and those on a purged project or its environments. Each removal withdraws the
 * relationships and records {@code role_assignment.deleted}.
 */
public final class RoleAssignmentCleanup implements MemberDependents, ProjectDependents {
    private final RoleContext ctx;

    public RoleAssignmentCleanup(RoleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void removed(Caller caller, Membership membership) {
        remove(caller, all(new Roles.AssignmentFilter(membership.userId(), null, null), membership.organizationId()));
    }

    @Override
    public void purge(Project project) {
        List<RoleAssignment> gone = new ArrayList<>(all(new Roles.AssignmentFilter(null, null,
                new ObjectRef("project", project.id().text())), project.organizationId()));
        ctx.environments().ofProject(project.id()).forEach(e -> gone.addAll(all(new Roles.AssignmentFilter(null, null,
                new ObjectRef("environment", e.id().text())), project.organizationId())));
        remove(Caller.system("project-purge"), gone);
    }

    private List<RoleAssignment> all(Roles.AssignmentFilter filter, dev.gatehouse.core.shared.OrganizationId org) {
        List<RoleAssignment> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var found = ctx.roles().assignments(org, filter, new PageRequest(page, PageRequest.MAX_PER_PAGE, List.of()));
            out.addAll(found.items());
            if (page >= found.lastPage()) {
                return out;
            }
        }
    }

    private void remove(Caller caller, List<RoleAssignment> assignments) {
        if (assignments.isEmpty()) {
            return;
        }
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (RoleAssignment a : assignments) {
            ctx.roles().removeAssignment(a.id());
            RoleContext.relationshipsOf(a).forEach(r -> updates.add(RelationshipUpdate.delete(r)));
        }
        var written = ctx.authorizer().write(updates);
        if (!written.isOk()) {
            // inside the caller's transaction: an exception rolls the whole removal back
            throw new IllegalStateException("could not withdraw role assignments: " + written.failure().message());
        }
        for (RoleAssignment a : assignments) {
            ctx.auditor().record(caller, "role_assignment.deleted", "role_assignment", a.id(), a.organizationId(), RoleContext.data(a));
            ctx.events().record("role_assignment.deleted", a.organizationId(), RoleContext.data(a));
        }
    }
}
