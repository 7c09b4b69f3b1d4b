package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.List;

/** The environments of an active project ({@code environments_read} on the project), oldest first. */
public record ListEnvironments(Environments environments, ProjectAccess access, Transactions tx) {
    public Result<List<Environment>> handle(Caller caller, ProjectId project) {
        return tx.readOnly(() -> access.active(caller, project, "environments_read")
                .map(p -> environments.ofProject(p.id())));
    }
}
