package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.Objects;
import java.util.Optional;

/**
 * The ids of the resources of a type on which a subject has a permission, in ascending order, a
 * slice at a time. Platform admins only for now (see {@link QueryPolicy}).
 */
public final class LookupResources {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = LocalAuthorizer.MAX_PAGE_SIZE;

    /** @param cursor the {@code nextCursor} of the previous slice */
    public record Command(Caller caller, String resourceType, String permission, SubjectRef subject,
                          Optional<String> cursor, int limit) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(subject, "subject");
            cursor = cursor == null ? Optional.empty() : cursor;
        }
    }

    private final Authorizer authorizer;

    public LookupResources(Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer);
    }

    public Result<CursorPage<String>> handle(Command c) {
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
        return authorizer.lookupResources(c.resourceType(), c.permission(), c.subject(), c.cursor(), c.limit());
    }
}
