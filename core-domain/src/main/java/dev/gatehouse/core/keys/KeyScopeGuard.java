package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A key never carries more than its creator holds where it is bound: the scope checks of issuing and rotating. */
public record KeyScopeGuard(Authorizer authorizer) {
    /** The first requested scope the caller does not hold on the resource, as a 403 naming it. */
    public Optional<Failure> escalation(Caller caller, ObjectRef resource, Set<String> scopes) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.forbidden("Anonymous callers issue no keys."));
        }
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            var held = authorizer.check(resource, permission, subject.get());
            if (!held.isOk()) {
                return Optional.of(held.failure());
            }
            if (held.value() != Permissionship.HAS_PERMISSION) {
                return Optional.of(Failure.forbidden("You cannot grant the " + scope + " scope: you do not hold it here.")
                        .withDetail("required_scope", scope));
            }
        }
        return Optional.empty();
    }

    /**
     * A new key's scopes the caller does not hold on the key's resource, as 422 naming them all in
     * {@code errors.scopes} (a key never carries more than its creator holds there); an authorizer
     * failure as itself.
     */
    public Optional<Failure> unheld(Caller caller, ObjectRef resource, Set<String> scopes) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.forbidden("Anonymous callers issue no keys."));
        }
        List<String> missing = new ArrayList<>();
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            var held = authorizer.check(resource, permission, subject.get());
            if (!held.isOk()) {
                return Optional.of(held.failure());
            }
            if (held.value() != Permissionship.HAS_PERMISSION) {
                missing.add(scope);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(Failure.invalid("scopes",
                "you do not hold these scopes on the key's " + resource.type() + ": " + String.join(", ", missing)));
    }
}
