package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * The one question every tenant use case asks before acting: may this caller do {@code permission}
 * on this resource? Platform admins (and the system) may do everything. A caller who may not even
 * see the resource ({@code viewPermission}) gets not-found, so ids of other tenants reveal nothing;
 * one who sees it but lacks the permission gets forbidden, naming the scope. An authorizer failure
 * denies (fail closed) with its own reason.
 */
public record AccessControl(Authorizer authorizer) {
    /** The authorization subject of a principal ({@code user:usr_…}); empty for the anonymous. */
    public static Optional<SubjectRef> subject(Principal principal) {
        if (principal instanceof Principal.User u) {
            return Optional.of(SubjectRef.of("user", u.userId().text()));
        }
        if (principal instanceof Principal.ApiKey k) {
            return Optional.of(SubjectRef.of("api_key", k.keyId().text()));
        }
        return Optional.empty();
    }

    /**
     * @param what the resource's name in messages ("Organization", "Project")
     * @return empty when allowed, else the failure to return
     */
    public Optional<Failure> require(Caller caller, ObjectRef target, String permission, String viewPermission, String what) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        ObjectRef resource = target;
        Optional<SubjectRef> subject = subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.notFound(what));
        }
        if (resource.type().equals("organization") && caller.principal() instanceof Principal.ApiKey key
                && ResourceAccess.reach(key) == ResourceAccess.Reach.ENVIRONMENT) {
            return Optional.of(outOfReach(key, resource.id(), permission, what));
        }
        if (caller.principal() instanceof Principal.ApiKey key) {
            resource = ResourceAccess.decidedOn(key, resource, permission);
        }
        var allowed = authorizer.check(resource, permission, subject.get());
        if (!allowed.isOk()) {
            return Optional.of(allowed.failure());
        }
        if (allowed.value() == Permissionship.HAS_PERMISSION) {
            return Optional.empty();
        }
        if (!permission.equals(viewPermission)) {
            var visible = authorizer.check(resource, viewPermission, subject.get());
            if (!visible.isOk()) {
                return Optional.of(visible.failure());
            }
            if (visible.value() == Permissionship.HAS_PERMISSION) {
                String scope = ResourceAccess.scopeOf(permission);
                return Optional.of(Failure.forbidden("This needs the " + scope + " permission.")
                        .withDetail("required_scope", scope));
            }
        }
        return Optional.of(Failure.notFound(what));
    }

    /**
     * An environment key asking for something decided on an organization: never allowed, whatever its
     * scopes (its role binding is on its environment, and organization-level resources are not below
     * it). Another organization is not found; its own is forbidden, naming the scope.
     */
    private static Failure outOfReach(Principal.ApiKey key, String organizationId, String permission, String what) {
        if (!key.organizationId().text().equals(organizationId)) {
            return Failure.notFound(what);
        }
        String scope = ResourceAccess.scopeOf(permission);
        return Failure.forbidden("This needs the " + scope + " permission on the organization; an environment API key "
                + "reaches its environment only (use an organization key).").withDetail("required_scope", scope);
    }
}
