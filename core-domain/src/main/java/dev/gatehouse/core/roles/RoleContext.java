package dev.gatehouse.core.roles;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the role use cases share: their ports and the relationship, access and escalation helpers. */
public record RoleContext(Roles roles, Organizations organizations, Memberships memberships, Projects projects,
                          Environments environments, Authorizer authorizer, Auditor auditor, Events events,
                          Transactions tx, Clock clock, IdGenerator ids) {
    public RoleContext {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    AccessControl access() {
        return new AccessControl(authorizer);
    }

    static ObjectRef orgRef(OrganizationId org) {
        return new ObjectRef("organization", org.text());
    }

    /** The live organization, or not-found. */
    Result<OrganizationId> liveOrganization(OrganizationId org) {
        return organizations.byId(org).filter(o -> !o.isDeleted()).<Result<OrganizationId>>map(o -> Result.ok(org))
                .orElseGet(() -> Result.fail(Failure.notFound("Organization")));
    }

    /** {@code permission} on the organization; invisible organizations are not found. */
    Optional<Failure> onOrganization(Caller caller, OrganizationId org, String permission) {
        return access().require(caller, orgRef(org), permission, "organizations_read", "Organization");
    }

    /** A role's relationships: each permission set to the wildcard of users and of API keys. */
    static List<Relationship> grantsOf(CustomRole role, Collection<String> scopes) {
        ObjectRef ref = new ObjectRef("role", role.id().text());
        List<Relationship> out = new ArrayList<>();
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            out.add(Relationship.of(ref, permission, SubjectRef.wildcard("user")));
            out.add(Relationship.of(ref, permission, SubjectRef.wildcard("api_key")));
        }
        return out;
    }

    /**
     * An assignment's relationships. A custom role: {@code role_binding:<ra_…>#role@role:<role_…>},
     * {@code #subject@user:<usr_…>} (expiring with the assignment) and {@code <resource>#binding@role_binding:<ra_…>}.
     * A built-in role: the resource's own relation, {@code project:<prj_…>#admin@user:<usr_…>} (expiring).
     */
    static List<Relationship> relationshipsOf(RoleAssignment a) {
        SubjectRef user = SubjectRef.of("user", a.userId().text());
        if (a.builtIn() != null) {
            return List.of(expiring(a.resource(), a.builtIn().relation(), user, a));
        }
        ObjectRef binding = new ObjectRef("role_binding", a.id().text());
        return List.of(Relationship.of(binding, "role", SubjectRef.of(new ObjectRef("role", a.customRole().text()))),
                expiring(binding, "subject", user, a),
                Relationship.of(a.resource(), "binding", SubjectRef.of(binding)));
    }

    private static Relationship expiring(ObjectRef resource, String relation, SubjectRef subject, RoleAssignment a) {
        return a.expiresAt() == null ? Relationship.of(resource, relation, subject)
                : Relationship.expiring(resource, relation, subject, a.expiresAt());
    }

    /** The view permission that decides whether a resource of the type is visible (not-found otherwise). */
    static String viewPermission(String resourceType) {
        return switch (resourceType) {
            case "project" -> "projects_read";
            case "environment" -> "environments_read";
            default -> "organizations_read";
        };
    }

    static String what(String resourceType) {
        return switch (resourceType) {
            case "project" -> "Project";
            case "environment" -> "Environment";
            default -> "Organization";
        };
    }

    /** The organization a live resource belongs to; not-found for a missing, deleted or malformed one. */
    Result<OrganizationId> organizationOf(ObjectRef resource) {
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

    /** The first permission the caller does not hold on the resource, as a 403 naming its scope. */
    Optional<Failure> escalation(Caller caller, ObjectRef resource, Collection<String> permissions) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.forbidden("Anonymous callers grant nothing."));
        }
        for (String permission : permissions) {
            var held = authorizer.check(resource, permission, subject.get());
            if (!held.isOk()) {
                return Optional.of(held.failure());
            }
            if (held.value() != Permissionship.HAS_PERMISSION) {
                String scope = PermissionCatalog.entries().stream().filter(e -> e.permission().equals(permission))
                        .map(PermissionCatalog.Entry::scope).findFirst().orElse(permission);
                return Optional.of(Failure.forbidden("You cannot grant the " + scope + " permission: you do not hold it here.")
                        .withDetail("required_scope", scope));
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> data(CustomRole r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("role_id", r.id().text());
        d.put("organization_id", r.organizationId().text());
        d.put("name", r.name());
        d.put("permissions", r.scopes());
        return d;
    }

    static Map<String, Object> data(RoleAssignment a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("role_assignment_id", a.id().text());
        d.put("organization_id", a.organizationId().text());
        d.put("role_id", a.roleKey());
        d.put("built_in", a.builtIn() != null);
        d.put("user_id", a.userId().text());
        d.put("resource_type", a.resource().type());
        d.put("resource_id", a.resource().id());
        if (a.expiresAt() != null) {
            d.put("expires_at", a.expiresAt().toString());
        }
        return d;
    }

    /** The unknown scopes among {@code scopes}, for a 422 naming them; empty when all are known. */
    static List<String> unknownScopes(Collection<String> scopes) {
        return scopes.stream().filter(s -> s == null || PermissionCatalog.byScope(s).isEmpty()).map(String::valueOf).toList();
    }
}
