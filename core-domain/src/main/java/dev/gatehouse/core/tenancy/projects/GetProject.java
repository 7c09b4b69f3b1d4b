package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

/** Reads an active project ({@code projects_read}); deleted, missing and foreign projects are not found. */
public final class GetProject {
    private final ProjectContext ctx;

    public GetProject(ProjectContext ctx) {
        this.ctx = ctx;
    }

    public Result<Project> handle(Caller caller, ProjectId id) {
        return ctx.tx().readOnly(() -> ctx.activeProject(caller, id, "projects_read"));
    }
}
