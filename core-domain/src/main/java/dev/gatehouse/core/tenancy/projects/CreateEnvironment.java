package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds an environment to an active project ({@code environments_write} on the project). The name is
 * unique within the project, ignoring case (a conflict otherwise); production environments get the
 * {@code production} wildcard relationships.
 */
public record CreateEnvironment(Environments environments, ProjectAccess access, ProjectRelationships relationships,
                                Platform platform) {
    public record Command(Caller caller, ProjectId project, String name, String kind) {
    }

    public Result<Environment> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.project() == null) {
            errors.put("project_id", List.of("is required"));
        }
        String problem = Environment.nameProblem(c.name());
        if (problem != null) {
            errors.put("name", List.of(problem));
        }
        var kind = EnvironmentKind.parse(c.kind());
        if (kind.isEmpty()) {
            errors.put("kind", List.of(c.kind() == null ? "is required" : "must be one of: " + EnvironmentKind.choices()));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return platform.transactions().inTransaction(() -> access.active(c.caller(), c.project(), "environments_write").flatMap(p -> {
            Environment env = new Environment(new EnvironmentId(platform.ids().newId()), p.id(), p.organizationId(),
                    c.name().strip(), kind.get(), platform.clock().instant());
            if (!environments.add(env)) {
                return Result.<Environment>fail(Failure.conflict("The project already has an environment named '"
                        + env.name() + "'.").withDetail("field", "name"));
            }
            var written = relationships.created(env);
            if (!written.isOk()) {
                return Result.<Environment>fail(written.failure());
            }
            EnvironmentEvents.created(platform, c.caller(), env);
            return Result.ok(env);
        }));
    }
}
