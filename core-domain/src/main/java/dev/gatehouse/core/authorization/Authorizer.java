package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers permission questions over a SpiceDB schema and its relationships, and changes the
 * relationships. Implemented locally ({@link LocalAuthorizer}) and by SpiceDB itself. An error or an
 * undecidable answer (cycle, depth limit) is a failure; callers deny on any failure.
 */
public interface Authorizer {

    /** Whether {@code subject} has {@code permission} (or relation) on {@code resource}. */
    Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                 Optional<ConsistencyToken> atLeastAsFresh);

    default Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject) {
        return check(resource, permission, subject, Optional.empty());
    }

    /**
     * A check with caveat context: the context's values fill the parameters of the caveats on the way
     * (a relationship's own context wins); {@link Permissionship#CONDITIONAL_PERMISSION} names the
     * parameters still missing. An authorizer without caveat support refuses a non-empty context.
     */
    default Result<CheckResult> checkWithContext(ObjectRef resource, String permission, SubjectRef subject,
                                                 Map<String, Object> context, Optional<ConsistencyToken> atLeastAsFresh) {
        if (!context.isEmpty()) {
            return Result.fail(Failure.of(Reason.VALIDATION, "caveat context is not supported by this authorizer")
                    .withDetail(AuthorizationFailures.CODE, AuthorizationFailures.CAVEATS_UNSUPPORTED));
        }
        return check(resource, permission, subject, atLeastAsFresh).map(CheckResult::of);
    }

    /**
     * Lookup-resources with caveat context: each resource found with its permissionship, conditional
     * ones naming the missing parameters. An authorizer without caveat support refuses a non-empty context.
     */
    default Result<CursorPage<FoundResource>> lookupResourcesWithContext(String resourceType, String permission,
                                                                        SubjectRef subject, Map<String, Object> context,
                                                                        Optional<String> cursor, int limit) {
        if (!context.isEmpty()) {
            return Result.fail(Failure.of(Reason.VALIDATION, "caveat context is not supported by this authorizer")
                    .withDetail(AuthorizationFailures.CODE, AuthorizationFailures.CAVEATS_UNSUPPORTED));
        }
        return lookupResources(resourceType, permission, subject, cursor, limit)
                .map(page -> new CursorPage<>(page.items().stream()
                        .map(id -> new FoundResource(id, CheckResult.of(Permissionship.HAS_PERMISSION))).toList(),
                        page.nextCursor()));
    }

    /** A resource found by lookup-resources, with how it was found. */
    record FoundResource(String id, CheckResult result) {
    }

    /**
     * The ids of the resources of {@code resourceType} on which {@code subject} has
     * {@code permission}, in ascending order, {@code limit} at a time.
     */
    Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                               Optional<String> cursor, int limit);

    /**
     * The subjects of {@code subjectType} (with {@code subjectRelation}, or plain objects when empty)
     * that have {@code permission} on {@code resource}, including a wildcard when one applies.
     */
    Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                         Optional<String> subjectRelation);

    /**
     * Lookup-subjects with caveat context: subjects whose permission depends on caveat parameters the
     * context does not give are listed in {@link FoundSubjects#conditionalSubjects} with the missing
     * parameters. An authorizer without caveat support refuses a non-empty context.
     */
    default Result<FoundSubjects> lookupSubjectsWithContext(ObjectRef resource, String permission, String subjectType,
                                                            Optional<String> subjectRelation, Map<String, Object> context) {
        if (!context.isEmpty()) {
            return Result.fail(Failure.of(Reason.VALIDATION, "caveat context is not supported by this authorizer")
                    .withDetail(AuthorizationFailures.CODE, AuthorizationFailures.CAVEATS_UNSUPPORTED));
        }
        return lookupSubjects(resource, permission, subjectType, subjectRelation);
    }

    /** Applies the updates atomically after validating them against the schema. */
    Result<ConsistencyToken> write(List<RelationshipUpdate> updates);

    /** Deletes the relationships the filter selects. */
    Result<ConsistencyToken> delete(RelationshipFilter filter);
}
