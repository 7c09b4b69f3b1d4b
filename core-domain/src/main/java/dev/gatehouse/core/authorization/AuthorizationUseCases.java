package dev.gatehouse.core.authorization;

import java.time.Clock;
import java.util.Objects;

/**
 * The authorization feature's questions, wired once by {@link #wire}: a permission check, the two
 * lookups and the permission catalog. The HTTP adapter's {@code /api/v1/authz} routes inject this
 * record; an embedder reaches it as {@code gatehouse.authorization()}. Which organization owns a
 * resource a route names is {@code reach.ResourceOwners}, outside this package: it reads the stores of
 * the features that depend on authorization.
 */
public record AuthorizationUseCases(CheckPermission checkPermission, LookupResources lookupResources,
                                    LookupSubjects lookupSubjects, ListPermissions listPermissions) {
    public AuthorizationUseCases {
        Objects.requireNonNull(checkPermission, "checkPermission");
        Objects.requireNonNull(lookupResources, "lookupResources");
        Objects.requireNonNull(lookupSubjects, "lookupSubjects");
        Objects.requireNonNull(listPermissions, "listPermissions");
    }

    /** @param authorizer answers every question (local over the relationships, or SpiceDB) */
    public static AuthorizationUseCases wire(Authorizer authorizer, Clock clock) {
        return new AuthorizationUseCases(new CheckPermission(authorizer, clock), new LookupResources(authorizer),
                new LookupSubjects(authorizer), new ListPermissions());
    }
}
