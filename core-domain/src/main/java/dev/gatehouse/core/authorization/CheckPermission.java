package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a subject has a permission on a resource. Platform admins only for now (see
 * {@link QueryPolicy}). A failure of the engine (unknown type or permission, an evaluation that
 * hits the depth limit or a cycle, the engine unavailable) is returned as a failure, never as a deny
 * or an allow: the caller decides, and denies.
 */
public record CheckPermission(Authorizer authorizer, Clock clock) {
    public CheckPermission {
        Objects.requireNonNull(authorizer);
        Objects.requireNonNull(clock);
    }

    /**
     * @param atLeastAsFresh answer from relationships at least as new as this write's token
     * @param context        caveat context (JSON values by parameter name); empty for none
     */
    public record Command(Caller caller, ObjectRef resource, String permission, SubjectRef subject,
                          Optional<ConsistencyToken> atLeastAsFresh, Map<String, Object> context) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(subject, "subject");
            atLeastAsFresh = atLeastAsFresh == null ? Optional.empty() : atLeastAsFresh;
            context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        }

        public Command(Caller caller, ObjectRef resource, String permission, SubjectRef subject,
                       Optional<ConsistencyToken> atLeastAsFresh) {
            this(caller, resource, permission, subject, atLeastAsFresh, Map.of());
        }

        public Command(Caller caller, ObjectRef resource, String permission, SubjectRef subject) {
            this(caller, resource, permission, subject, Optional.empty());
        }
    }

    /**
     * The answer, when it was given, and the token the caller asked it to be at least as fresh as;
     * a conditional answer names the caveat parameters it lacks.
     */
    public record Checked(Permissionship permissionship, Instant checkedAt, Optional<ConsistencyToken> atLeastAsFresh,
                          List<String> missingContext) {
        public Checked {
            missingContext = List.copyOf(missingContext);
        }

        public Checked(Permissionship permissionship, Instant checkedAt, Optional<ConsistencyToken> atLeastAsFresh) {
            this(permissionship, checkedAt, atLeastAsFresh, List.of());
        }

        public boolean allowed() {
            return permissionship == Permissionship.HAS_PERMISSION;
        }
    }

    public Result<Checked> handle(Command c) {
        var denied = QueryPolicy.denied(c.caller());
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        var invalid = new QueryNames().relation("permission", c.permission()).failure();
        if (invalid.isPresent()) {
            return Result.fail(invalid.get());
        }
        return authorizer.checkWithContext(c.resource(), c.permission(), c.subject(), c.context(), c.atLeastAsFresh())
                .map(r -> new Checked(r.permissionship(), clock.instant(), c.atLeastAsFresh(), r.missingContext()));
    }
}
