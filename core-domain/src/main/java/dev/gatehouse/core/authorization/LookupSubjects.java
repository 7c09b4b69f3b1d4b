package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subjects of a type that have a permission on a resource, including a wildcard when one grants
 * it, and, with caveats, the subjects that have it conditionally. Platform admins only for now (see
 * {@link QueryPolicy}).
 */
public record LookupSubjects(Authorizer authorizer) {
    public LookupSubjects {
        Objects.requireNonNull(authorizer);
    }

    /**
     * @param subjectRelation subjects of this relation ({@code team#member}); plain objects when empty
     * @param context         caveat context (JSON values by parameter name); empty for none
     */
    public record Command(Caller caller, ObjectRef resource, String permission, String subjectType,
                          Optional<String> subjectRelation, Map<String, Object> context) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(subjectType, "subjectType");
            subjectRelation = subjectRelation == null ? Optional.empty() : subjectRelation;
            context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        }

        public Command(Caller caller, ObjectRef resource, String permission, String subjectType,
                       Optional<String> subjectRelation) {
            this(caller, resource, permission, subjectType, subjectRelation, Map.of());
        }
    }

    public Result<FoundSubjects> handle(Command c) {
        var denied = QueryPolicy.denied(c.caller());
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        var names = new QueryNames().relation("permission", c.permission()).type("subject_type", c.subjectType());
        c.subjectRelation().filter(r -> !SubjectRef.ELLIPSIS.equals(r)).ifPresent(r -> names.relation("subject_relation", r));
        var invalid = names.failure();
        if (invalid.isPresent()) {
            return Result.fail(invalid.get());
        }
        return authorizer.lookupSubjectsWithContext(c.resource(), c.permission(), c.subjectType(), c.subjectRelation(),
                c.context());
    }
}
