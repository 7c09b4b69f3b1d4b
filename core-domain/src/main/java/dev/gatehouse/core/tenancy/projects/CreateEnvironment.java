package dev.gatehouse.core.tenancy.projects;

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
public final class CreateEnvironment {
    public record Command(Caller caller, ProjectId project, String name, String kind) {
    }

    private final ProjectContext ctx;

    public CreateEnvironment(ProjectContext ctx) {
        this.ctx = ctx;
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
        return ctx.tx().inTransaction(() -> ctx.activeProject(c.caller(), c.project(), "environments_write").flatMap(p -> {
            Environment env = new Environment(new EnvironmentId(ctx.ids().newId()), p.id(), p.organizationId(),
                    c.name().strip(), kind.get(), ctx.clock().instant());
            if (!ctx.environments().add(env)) {
                return Result.<Environment>fail(Failure.conflict("The project already has an environment named '"
                        + env.name() + "'.").withDetail("field", "name"));
            }
            var written = ctx.authorizer().write(ProjectContext.relationshipsOf(env));
            if (!written.isOk()) {
                return Result.<Environment>fail(written.failure());
            }
            ctx.auditor().record(c.caller(), "environment.created", "environment", env.id(), p.organizationId(),
                    Map.of("project_id", p.id().text(), "name", env.name(), "kind", env.kind().wire()));
            ctx.events().record(new dev.gatehouse.core.events.TenancyEvent.EnvironmentCreated(p.organizationId(), EnvironmentEvents.data(env)));
            return Result.ok(env);
        }));
    }
}
