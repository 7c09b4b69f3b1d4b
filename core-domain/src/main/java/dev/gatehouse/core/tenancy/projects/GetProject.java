package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

/** Reads an active project ({@code projects_read}); deleted, missing and foreign projects are not found. */
public record GetProject(ProjectAccess access, Transactions tx) {
    public Result<Project> handle(Caller caller, ProjectId id) {
        return tx.readOnly(() -> access.active(caller, id, "projects_read"));
    }
}
