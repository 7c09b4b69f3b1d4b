package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read and change roles and assignments, and the no-escalation rule: nobody grants a
 * permission they do not hold where it applies. Each check answers empty when allowed, else the
 * failure to return (not-found when the caller may not even see the thing, else 403).
 */
public record RoleGuard(Authorizer authorizer, RoleTargets targets) {
    public RoleGuard {
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(targets, "targets");
    }

    private AccessControl access() {
        return new AccessControl(authorizer);
    }

    static ObjectRef orgRef(OrganizationId org) {
        return new ObjectRef("organization", org.text());
    }

    /** {@code permission} on the organization; invisible organizations are not found. */
    public Optional<Failure> onOrganization(Caller caller, OrganizationId org, String permission) {
        return access().require(caller, orgRef(org), permission, "organizations_read", "Organization");
    }

    /** The organization is live and the caller holds {@code permission} on it. */
    public Optional<Failure> inLiveOrganization(Caller caller, OrganizationId org, String permission) {
        var live = targets.liveOrganization(org);
        return live.isOk() ? onOrganization(caller, org, permission) : Optional.of(live.failure());
    }

    /** {@code permission} on a custom role's organization; a role the caller cannot see is not found. */
    public Optional<Failure> onRole(Caller caller, CustomRole role, String permission) {
        return access().require(caller, orgRef(role.organizationId()), permission, "organizations_read", "Role");
    }

    /** {@code permission} on an assignment's organization; one the caller cannot read is not found. */
    public Optional<Failure> onAssignment(Caller caller, RoleAssignment a, String permission) {
        return access().require(caller, orgRef(a.organizationId()), permission, "roles_read", "Role assignment");
    }

    /** The resource is visible to the caller (its view permission), else not found. */
    public Optional<Failure> sees(Caller caller, ObjectRef resource) {
        String view = RoleTargets.viewPermission(resource.type());
        return access().require(caller, resource, view, view, RoleTargets.what(resource.type()));
    }

    /** The first permission the caller does not hold on the resource, as a 403 naming its scope. */
    public Optional<Failure> escalation(Caller caller, ObjectRef resource, Collection<String> permissions) {
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
}
