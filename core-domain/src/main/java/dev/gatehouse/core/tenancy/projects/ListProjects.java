package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the projects the caller may read: every project of an organization where they hold
 * {@code projects_read}, plus projects granted to them directly (both answered by one
 * lookup-resources over the schema's {@code organization->projects_read} arrow). Platform admins see
 * all. {@code status=deleted} lists soft-deleted projects the caller may restore ({@code projects_delete}).
 *
 * <p>With an organization named, a caller holding the permission on the organization itself reads
 * every project of it (the schema's {@code project#projects_read} includes
 * {@code organization->projects_read}, likewise {@code projects_delete}): one check, and the page
 * comes straight from the organization's projects in the store, whatever the number of projects.
 * Otherwise the readable ids come from lookup-resources, which walks only what the caller reaches.
 */
public record ListProjects(Projects projects, Platform p) {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Projects.SORTABLE;

    /** Page size of the lookup that collects the readable project ids. */
    static final int LOOKUP_PAGE = 1000;

    /** @param organization only this organization's projects, or all readable when null */
    public record Command(Caller caller, ListQuery query, OrganizationId organization) {
    }

    public Result<Page<Project>> handle(Command c) {
        String status = c.query().status() == null ? "active" : c.query().status();
        if (!status.equals("active") && !status.equals("deleted")) {
            return Result.fail(Failure.invalid("status", "must be one of: active, deleted"));
        }
        boolean deleted = status.equals("deleted");
        Set<ProjectId> only = null;
        if (!c.caller().principal().platformAdmin()) {
            var subject = AccessControl.subject(c.caller().principal());
            if (subject.isEmpty()) {
                return Result.ok(new Page<>(List.of(), c.query().page().page(), c.query().page().perPage(), 0));
            }
            String permission = deleted ? "projects_delete" : "projects_read";
            if (c.organization() != null) {
                var onOrganization = p.authorizer().check(new ObjectRef("organization", c.organization().text()),
                        permission, subject.get());
                if (!onOrganization.isOk()) {
                    return Result.fail(onOrganization.failure());
                }
                if (onOrganization.value() == Permissionship.HAS_PERMISSION) {
                    var scope = new Projects.Scope(null, c.organization(), deleted);
                    return Result.ok(p.transactions().readOnly(() -> projects.list(scope, c.query())));
                }
            }
            Set<ProjectId> readable = new HashSet<>();
            Optional<String> cursor = Optional.empty();
            do {
                Result<CursorPage<String>> found = p.authorizer().lookupResources("project",
                        permission, subject.get(), cursor, LOOKUP_PAGE);
                if (!found.isOk()) {
                    return Result.fail(found.failure());
                }
                found.value().items().forEach(id -> ProjectId.parse(id).ifPresent(readable::add));
                cursor = found.value().nextCursor();
            } while (cursor.isPresent());
            only = readable;
        }
        var scope = new Projects.Scope(only, c.organization(), deleted);
        return Result.ok(p.transactions().readOnly(() -> projects.list(scope, c.query())));
    }
}
