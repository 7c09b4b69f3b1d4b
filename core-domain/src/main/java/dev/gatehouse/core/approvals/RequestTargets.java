package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.util.List;
import java.util.Objects;

/** The resources a request may name: a live organization, project or environment (of a live project). */
public record RequestTargets(Organizations organizations, Projects projects, Environments environments) {
    public RequestTargets {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
    }

    public static final List<String> RESOURCE_TYPES = List.of("organization", "project", "environment");

    /** A live resource: its reference, organization, (environments) kind, the permission that shows it and its name. */
    public record Target(ObjectRef ref, OrganizationId organization, EnvironmentKind kind, String viewPermission, String what) {
    }

    /** Resolves {@code type}/{@code id}: a bad type or a missing id → 422; unknown, deleted or malformed → 404. */
    public Result<Target> resolve(String type, String id) {
        if (type == null || !RESOURCE_TYPES.contains(type)) {
            return Result.fail(Failure.invalid("resource_type", "must be one of: organization, project, environment"));
        }
        if (id == null || id.isBlank()) {
            return Result.fail(Failure.invalid("resource_id", "is required"));
        }
        switch (type) {
            case "organization" -> {
                return OrganizationId.parse(id).flatMap(organizations::byId).filter(o -> !o.isDeleted())
                        .map(o -> Result.ok(new Target(new ObjectRef("organization", o.id().text()), o.id(), null,
                                "organizations_read", "Organization")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Organization")));
            }
            case "project" -> {
                return ProjectId.parse(id).flatMap(projects::byId).filter(p -> !p.deleted())
                        .map(p -> Result.ok(new Target(new ObjectRef("project", p.id().text()), p.organizationId(), null,
                                "projects_read", "Project")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Project")));
            }
            default -> {
                return EnvironmentId.parse(id).flatMap(environments::byId)
                        .filter(e -> projects.byId(e.projectId()).filter(p -> !p.deleted()).isPresent())
                        .map(e -> Result.ok(new Target(new ObjectRef("environment", e.id().text()), e.organizationId(),
                                e.kind(), "environments_read", "Environment")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Environment")));
            }
        }
    }
}
