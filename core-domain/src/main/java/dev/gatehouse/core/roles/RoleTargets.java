package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.util.List;
import java.util.Objects;

/**
 * What roles are defined in and assigned on, read from tenancy: live organizations, and the
 * organization a project or environment belongs to. Reads only; call inside a transaction.
 */
public record RoleTargets(Organizations organizations, Projects projects, Environments environments) {
    public RoleTargets {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
    }

    /** The live organization, or not-found. */
    public Result<OrganizationId> liveOrganization(OrganizationId org) {
        return organizations.byId(org).filter(o -> !o.isDeleted()).<Result<OrganizationId>>map(o -> Result.ok(org))
                .orElseGet(() -> Result.fail(Failure.notFound("Organization")));
    }

    /** The organization a live resource belongs to; not-found for a missing, deleted or malformed one. */
    public Result<OrganizationId> organizationOf(ObjectRef resource) {
        Failure missing = Failure.notFound(what(resource.type()));
        return switch (resource.type()) {
            case "organization" -> OrganizationId.parse(resource.id()).map(this::liveOrganization)
                    .orElseGet(() -> Result.fail(missing));
            case "project" -> ProjectId.parse(resource.id()).flatMap(projects::byId).filter(p -> !p.deleted())
                    .<Result<OrganizationId>>map(p -> Result.ok(p.organizationId())).orElseGet(() -> Result.fail(missing));
            case "environment" -> EnvironmentId.parse(resource.id()).flatMap(environments::byId)
                    .flatMap(e -> projects.byId(e.projectId())).filter(p -> !p.deleted())
                    .<Result<OrganizationId>>map(p -> Result.ok(p.organizationId())).orElseGet(() -> Result.fail(missing));
            default -> Result.fail(missing);
        };
    }

    /** A project's environments, as assignment resources. */
    public List<ObjectRef> environmentsOf(ProjectId project) {
        return environments.ofProject(project).stream().map(e -> new ObjectRef("environment", e.id().text())).toList();
    }

    /** The view permission that decides whether a resource of the type is visible (not-found otherwise). */
    public static String viewPermission(String resourceType) {
        return switch (resourceType) {
            case "project" -> "projects_read";
            case "environment" -> "environments_read";
            default -> "organizations_read";
        };
    }

    /** A resource type's name in messages ("Project"). */
    public static String what(String resourceType) {
        return switch (resourceType) {
            case "project" -> "Project";
            case "environment" -> "Environment";
            default -> "Organization";
        };
    }
}
