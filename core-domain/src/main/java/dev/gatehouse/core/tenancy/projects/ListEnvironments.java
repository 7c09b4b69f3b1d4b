package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/** The environments of an active project ({@code environments_read} on the project), oldest first. */
public final class ListEnvironments {
    private final ProjectContext ctx;

    public ListEnvironments(ProjectContext ctx) {
        this.ctx = ctx;
    }

    public Result<List<Environment>> handle(Caller caller, ProjectId project) {
        return ctx.tx().readOnly(() -> ctx.activeProject(caller, project, "environments_read")
                .map(p -> ctx.environments().ofProject(p.id())));
    }
}
