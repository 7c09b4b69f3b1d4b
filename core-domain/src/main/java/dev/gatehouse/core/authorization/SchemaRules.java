package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Schema} allows, as failures: the validation the local evaluator applies to its
 * questions and writes, shared with {@link OutboxAuthorizer}, which must refuse a write at enqueue
 * time rather than discover it only when relaying.
 */
final class SchemaRules {
    private final Schema schema;
    /** The schema's compiled caveats, or null without a caveat evaluator. */
    private final CaveatEvaluator.Compiled caveats;

    SchemaRules(Schema schema) {
        this(schema, null);
    }

    SchemaRules(Schema schema, CaveatEvaluator.Compiled caveats) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.caveats = caveats;
    }

    /**
     * A write's update: CREATE and TOUCH must be allowed by the schema; a DELETE needs only an
     * existing relation (so relationships the schema no longer allows can still be removed).
     */
    Optional<Failure> validate(RelationshipUpdate u) {
        return u.operation() == RelationshipUpdate.Operation.DELETE
                ? requireRelation(u.relationship().resource().type(), u.relationship().relation())
                : validate(u.relationship());
    }

    /** Whether the schema allows this relationship: its relation, subject type and expiration. */
    Optional<Failure> validate(Relationship r) {
        Optional<Failure> relation = requireRelation(r.resource().type(), r.relation());
        if (relation.isPresent()) {
            return relation;
        }
        Optional<Failure> subject = requireSubject(r.subject());
        if (subject.isPresent()) {
            return subject;
        }
        List<AllowedSubjectType> allowed = schema.definitionOrNull(r.resource().type()).allowedSubjects(r.relation());
        boolean expiring = r.expiration().isPresent();
        Optional<String> caveat = r.caveat().map(RelationshipCaveat::name);
        for (AllowedSubjectType a : allowed) {
            if (a.admits(r.subject(), expiring, caveat)) {
                return caveat.isPresent() ? caveatContext(r) : Optional.empty();
            }
        }
        String given = (r.subject().isWildcard() ? r.subject().type() + ":*"
                : r.subject().hasRelation() ? r.subject().type() + "#" + r.subject().relation() : r.subject().type())
                + (caveat.isPresent() ? " with " + caveat.get() + (expiring ? " and expiration" : "")
                : expiring ? " with expiration" : "");
        return Optional.of(Failure.of(Reason.VALIDATION, "subjects of type '" + given + "' are not allowed on relation '"
                        + r.resource().type() + "#" + r.relation() + "' (allowed: "
                        + String.join(" | ", allowed.stream().map(AllowedSubjectType::toString).toList()) + "): " + r)
                .withDetail("relationship", r.toString()));
    }

    /** A caveated relationship's context must suit the caveat's parameters (SpiceDB checks it at write). */
    private Optional<Failure> caveatContext(Relationship r) {
        if (caveats == null) {
            return Optional.empty();
        }
        RelationshipCaveat c = r.caveat().orElseThrow();
        return caveats.checkContext(c.name(), c.context())
                .map(reason -> Failure.of(Reason.VALIDATION, "invalid caveat context for " + r + ": " + reason)
                        .withDetail("relationship", r.toString()));
    }

    Optional<Failure> requirePermission(String type, String permission) {
        TypeDefinition d = schema.definitionOrNull(type);
        if (d == null) {
            return Optional.of(AuthorizationFailures.unknownType(type));
        }
        return d.has(permission) ? Optional.empty()
                : Optional.of(Failure.of(Reason.VALIDATION, "definition '" + type
                + "' has no relation or permission '" + permission + "'"));
    }

    Optional<Failure> requireRelation(String type, String relation) {
        TypeDefinition d = schema.definitionOrNull(type);
        if (d == null) {
            return Optional.of(AuthorizationFailures.unknownType(type));
        }
        if (d.hasPermission(relation)) {
            return Optional.of(Failure.of(Reason.VALIDATION, "cannot write a relationship to permission '"
                    + relation + "' of definition '" + type + "'"));
        }
        return d.hasRelation(relation) ? Optional.empty()
                : Optional.of(Failure.of(Reason.VALIDATION, "definition '" + type + "' has no relation '" + relation + "'"));
    }

    Optional<Failure> requireSubject(SubjectRef subject) {
        return requireTypeAndRelation(subject.type(), subject.relation());
    }

    Optional<Failure> requireTypeAndRelation(String type, String relation) {
        TypeDefinition d = schema.definitionOrNull(type);
        if (d == null) {
            return Optional.of(AuthorizationFailures.unknownType(type));
        }
        return SubjectRef.ELLIPSIS.equals(relation) || d.has(relation) ? Optional.empty()
                : Optional.of(Failure.of(Reason.VALIDATION, "definition '" + type
                + "' has no relation or permission '" + relation + "'"));
    }
}
