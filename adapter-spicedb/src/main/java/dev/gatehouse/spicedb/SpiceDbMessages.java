package dev.gatehouse.spicedb;

import com.authzed.api.v1.Consistency;
import com.authzed.api.v1.ObjectReference;
import com.authzed.api.v1.SubjectFilter;
import com.authzed.api.v1.SubjectReference;
import com.authzed.api.v1.ZedToken;
import com.google.protobuf.Timestamp;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;

import java.time.Instant;
import java.util.Optional;

/** Translates between the core's authorization values and SpiceDB's v1 messages. */
final class SpiceDbMessages {
    private SpiceDbMessages() {
    }

    static ObjectReference object(ObjectRef ref) {
        return ObjectReference.newBuilder().setObjectType(ref.type()).setObjectId(ref.id()).build();
    }

    /** SpiceDB spells the ellipsis (no relation) as an empty {@code optional_relation}. */
    static SubjectReference subject(SubjectRef ref) {
        return SubjectReference.newBuilder()
                .setObject(ObjectReference.newBuilder().setObjectType(ref.type()).setObjectId(ref.id()))
                .setOptionalRelation(ref.hasRelation() ? ref.relation() : "")
                .build();
    }

    static com.authzed.api.v1.Relationship relationship(Relationship r) {
        var builder = com.authzed.api.v1.Relationship.newBuilder()
                .setResource(object(r.resource()))
                .setRelation(r.relation())
                .setSubject(subject(r.subject()));
        r.expiration().ifPresent(e -> builder.setOptionalExpiresAt(timestamp(e)));
        r.caveat().ifPresent(c -> {
            var caveat = com.authzed.api.v1.ContextualizedCaveat.newBuilder().setCaveatName(c.name());
            if (!c.context().isEmpty()) {
                caveat.setContext(struct(c.context()));
            }
            builder.setOptionalCaveat(caveat);
        });
        return builder.build();
    }

    /** A caveat context (plain JSON values) as a protobuf Struct, SpiceDB's wire form of it. */
    static com.google.protobuf.Struct struct(java.util.Map<String, Object> context) {
        var struct = com.google.protobuf.Struct.newBuilder();
        context.forEach((k, v) -> struct.putFields(k, value(v)));
        return struct.build();
    }

    private static com.google.protobuf.Value value(Object v) {
        var value = com.google.protobuf.Value.newBuilder();
        if (v == null) {
            value.setNullValue(com.google.protobuf.NullValue.NULL_VALUE);
        } else if (v instanceof Boolean b) {
            value.setBoolValue(b);
        } else if (v instanceof Number n) {
            value.setNumberValue(n.doubleValue());
        } else if (v instanceof String text) {
            value.setStringValue(text);
        } else if (v instanceof java.util.List<?> list) {
            var values = com.google.protobuf.ListValue.newBuilder();
            list.forEach(item -> values.addValues(value(item)));
            value.setListValue(values);
        } else if (v instanceof java.util.Map<?, ?> map) {
            var struct = com.google.protobuf.Struct.newBuilder();
            map.forEach((k, item) -> struct.putFields(String.valueOf(k), value(item)));
            value.setStructValue(struct);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
        }
        return value.build();
    }

    static com.authzed.api.v1.RelationshipUpdate update(RelationshipUpdate u) {
        var operation = switch (u.operation()) {
            case CREATE -> com.authzed.api.v1.RelationshipUpdate.Operation.OPERATION_CREATE;
            case TOUCH -> com.authzed.api.v1.RelationshipUpdate.Operation.OPERATION_TOUCH;
            case DELETE -> com.authzed.api.v1.RelationshipUpdate.Operation.OPERATION_DELETE;
        };
        Relationship r = u.relationship();
        // SpiceDB identifies a relationship without its expiration; a DELETE carrying one is still a delete.
        Relationship sent = u.operation() == RelationshipUpdate.Operation.DELETE
                ? Relationship.of(r.resource(), r.relation(), r.subject()) : r;
        return com.authzed.api.v1.RelationshipUpdate.newBuilder()
                .setOperation(operation)
                .setRelationship(relationship(sent))
                .build();
    }

    /**
     * The SpiceDB filter for a core filter, or empty when SpiceDB cannot express it: SpiceDB filters
     * subjects only under a subject type.
     */
    static Optional<com.authzed.api.v1.RelationshipFilter> filter(RelationshipFilter f) {
        if (f.subjectType().isEmpty() && (f.subjectId().isPresent() || f.subjectRelation().isPresent())) {
            return Optional.empty();
        }
        var builder = com.authzed.api.v1.RelationshipFilter.newBuilder();
        f.resourceType().ifPresent(builder::setResourceType);
        f.resourceId().ifPresent(builder::setOptionalResourceId);
        f.relation().ifPresent(builder::setOptionalRelation);
        f.subjectType().ifPresent(type -> {
            var subject = SubjectFilter.newBuilder().setSubjectType(type);
            f.subjectId().ifPresent(subject::setOptionalSubjectId);
            // An empty relation filter selects subjects without a relation (the ellipsis).
            f.subjectRelation().ifPresent(relation -> subject.setOptionalRelation(SubjectFilter.RelationFilter
                    .newBuilder().setRelation(SubjectRef.ELLIPSIS.equals(relation) ? "" : relation)));
            builder.setOptionalSubjectFilter(subject);
        });
        return Optional.of(builder.build());
    }

    static Consistency atLeastAsFresh(ConsistencyToken token) {
        return Consistency.newBuilder()
                .setAtLeastAsFresh(ZedToken.newBuilder().setToken(token.value()))
                .build();
    }

    static Consistency minimizeLatency() {
        return Consistency.newBuilder().setMinimizeLatency(true).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
