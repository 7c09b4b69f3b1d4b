package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates a project in an organization (needs {@code projects_write} there) with its environments:
 * {@code production}, {@code staging} and {@code development} unless the command lists others, which
 * must include at least one production environment. The project takes a {@code projects} slot of the
 * organization's plan (403 {@code feature_limit_reached} when none is left).
 */
public record CreateProject(Projects projects, Environments environments, ProjectAccess access,
                            ProjectRelationships relationships, Quota entitlements, Platform platform) {
    public static final int MAX_ENVIRONMENTS = 20;
    public static final List<EnvironmentSpec> DEFAULT_ENVIRONMENTS = List.of(
            new EnvironmentSpec("production", "production"),
            new EnvironmentSpec("staging", "staging"),
            new EnvironmentSpec("development", "development"));

    /** A requested environment; {@code kind} is {@code production}, {@code staging} or {@code development}. */
    public record EnvironmentSpec(String name, String kind) {
    }

    /** @param environments null for the defaults */
    public record Command(Caller caller, OrganizationId organization, String name, String description,
                          List<EnvironmentSpec> environments) {
    }

    /** The new project and its environments. */
    public record Created(Project project, List<Environment> environments) {
        public Created {
            environments = List.copyOf(environments);
        }
    }

    public Result<Created> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.organization() == null) {
            errors.put("organization_id", List.of("is required"));
        }
        String name = ProjectFields.name(c.name(), errors);
        String description = ProjectFields.description(c.description(), errors);
        List<EnvironmentSpec> specs = c.environments() == null ? DEFAULT_ENVIRONMENTS : c.environments();
        List<Map.Entry<String, EnvironmentKind>> envs = environments(specs, errors);
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        var denied = access.onOrganization(c.caller(), c.organization(), "projects_write");
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        return platform.transactions().inTransaction(() -> {
            var now = platform.clock().instant();
            var slot = entitlements.consume(c.organization(), Quota.PROJECTS, 1);
            if (slot.isPresent()) {
                return Result.<Created>fail(slot.get());
            }
            Project project = Project.create(new ProjectId(platform.ids().newId()), c.organization(), name, description, now);
            projects.add(project);
            List<Environment> created = new ArrayList<>();
            for (var e : envs) {
                Environment env = new Environment(new EnvironmentId(platform.ids().newId()), project.id(), c.organization(),
                        e.getKey(), e.getValue(), now);
                if (!environments.add(env)) {
                    throw new IllegalStateException("duplicate environment names passed validation: " + e.getKey());
                }
                created.add(env);
            }
            var written = relationships.created(project, created);
            if (!written.isOk()) {
                return Result.<Created>fail(written.failure());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", name);
            summary.put("description", description);
            summary.put("environments", created.stream().map(env -> env.name() + " (" + env.kind().wire() + ")").toList());
            platform.auditor().record(c.caller(), "project.created", "project", project.id(), c.organization(), summary);
            platform.events().record(new dev.gatehouse.core.events.TenancyEvent.ProjectCreated(project.id(), c.organization(), name));
            for (Environment env : created) {
                EnvironmentEvents.created(platform, c.caller(), env);
            }
            return Result.ok(new Created(project, created));
        });
    }

    private static List<Map.Entry<String, EnvironmentKind>> environments(List<EnvironmentSpec> specs,
                                                                         Map<String, List<String>> errors) {
        List<Map.Entry<String, EnvironmentKind>> out = new ArrayList<>();
        if (specs.isEmpty() || specs.size() > MAX_ENVIRONMENTS) {
            errors.put("environments", List.of("must list 1 to " + MAX_ENVIRONMENTS + " environments"));
            return out;
        }
        Set<String> seen = new HashSet<>();
        boolean production = false;
        for (int i = 0; i < specs.size(); i++) {
            EnvironmentSpec s = specs.get(i);
            String field = "environments[" + i + "]";
            if (s == null) {
                errors.put(field, List.of("is required"));
                continue;
            }
            String problem = Environment.nameProblem(s.name());
            if (problem != null) {
                errors.put(field + ".name", List.of(problem));
            } else if (!seen.add(s.name().strip().toLowerCase(Locale.ROOT))) {
                errors.put(field + ".name", List.of("is listed twice"));
            }
            var kind = EnvironmentKind.parse(s.kind());
            if (kind.isEmpty()) {
                errors.put(field + ".kind", List.of(s.kind() == null ? "is required"
                        : "must be one of: " + EnvironmentKind.choices()));
            } else {
                production |= kind.get() == EnvironmentKind.PRODUCTION;
            }
            if (problem == null && kind.isPresent()) {
                out.add(Map.entry(s.name().strip(), kind.get()));
            }
        }
        if (!production && errors.keySet().stream().noneMatch(k -> k.endsWith(".kind"))) {
            errors.put("environments", List.of("must include at least one production environment"));
        }
        return out;
    }
}
