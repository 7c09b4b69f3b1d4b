package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes a project's name and description ({@code projects_write}). A null field stays as it is; a
 * blank description clears it. Nothing is recorded when nothing changes.
 */
public record UpdateProject(Projects projects, ProjectAccess access, Platform p) {
    public record Command(Caller caller, ProjectId id, String name, String description) {
    }

    public Result<Project> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = c.name() == null ? null : ProjectFields.name(c.name(), errors);
        String description = c.description() == null ? null : ProjectFields.description(c.description(), errors);
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return p.transactions().inTransaction(() -> access.active(c.caller(), c.id(), "projects_write").flatMap(before -> {
            Project after = before.withDetails(c.name() == null ? before.name() : name,
                    c.description() == null ? before.description() : description, p.clock().instant());
            Map<String, Object> changes = new LinkedHashMap<>();
            Auditor.change(changes, "name", before.name(), after.name());
            Auditor.change(changes, "description", before.description(), after.description());
            if (changes.isEmpty()) {
                return Result.ok(before);
            }
            projects.update(after);
            p.auditor().record(c.caller(), "project.updated", "project", after.id(), after.organizationId(), changes);
            p.events().record(new dev.gatehouse.core.events.TenancyEvent.ProjectUpdated(after.id(), after.organizationId(),
                    new ArrayList<>(changes.keySet())));
            return Result.ok(after);
        }));
    }
}
