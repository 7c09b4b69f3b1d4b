package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ids of the resources of a type on which a subject has a permission, in ascending order, a
 * slice at a time. Platform admins only for now (see {@link QueryPolicy}).
 */
public record LookupResources(Authorizer authorizer) {
    public LookupResources {
        Objects.requireNonNull(authorizer);
    }

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = LocalAuthorizer.MAX_PAGE_SIZE;

    /**
     * @param cursor  the {@code nextCursor} of the previous slice
     * @param context caveat context (JSON values by parameter name); empty for none
     */
    public record Command(Caller caller, String resourceType, String permission, SubjectRef subject,
                          Optional<String> cursor, int limit, Map<String, Object> context) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(subject, "subject");
            cursor = cursor == null ? Optional.empty() : cursor;
            context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        }

        public Command(Caller caller, String resourceType, String permission, SubjectRef subject,
                       Optional<String> cursor, int limit) {
            this(caller, resourceType, permission, subject, cursor, limit, Map.of());
        }
    }

    /** The ids of the resources found definitely (conditional ones are left out). */
    public Result<CursorPage<String>> handle(Command c) {
        return find(c).map(page -> new CursorPage<>(page.items().stream()
                .filter(f -> f.result().permissionship() == Permissionship.HAS_PERMISSION)
                .map(Authorizer.FoundResource::id).toList(), page.nextCursor()));
    }

    /**
     * The resources found, each with its permissionship: with caveats, resources found only
     * conditionally are listed too, naming the parameters the context lacks (as SpiceDB lists them).
     */
    public Result<CursorPage<Authorizer.FoundResource>> find(Command c) {
        var denied = QueryPolicy.denied(c.caller());
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        var invalid = new QueryNames().type("resource_type", c.resourceType()).relation("permission", c.permission()).failure();
        if (invalid.isPresent()) {
            return Result.fail(invalid.get());
        }
        if (c.limit() < 1 || c.limit() > MAX_LIMIT) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return authorizer.lookupResourcesWithContext(c.resourceType(), c.permission(), c.subject(), c.context(),
                c.cursor(), c.limit());
    }
}
