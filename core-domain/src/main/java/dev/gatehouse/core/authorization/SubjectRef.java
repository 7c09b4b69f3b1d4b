package dev.gatehouse.core.authorization;

import java.util.Optional;

/**
 * The subject of a relationship or a question: an object ({@code user:tom}), a subject set
 * ({@code team:core#member}: every subject of that relation) or a wildcard ({@code user:*}: every
 * user). An absent relation is SpiceDB's ellipsis {@value #ELLIPSIS}.
 */
public record SubjectRef(String type, String id, String relation) {
    public static final String ELLIPSIS = "...";
    public static final String WILDCARD = "*";

    public SubjectRef {
        Names.requireType(type);
        if (!WILDCARD.equals(id)) {
            Names.requireObjectId(id);
        }
        if (relation == null) {
            relation = ELLIPSIS;
        } else if (!ELLIPSIS.equals(relation)) {
            Names.requireRelation(relation);
        }
        if (WILDCARD.equals(id) && !ELLIPSIS.equals(relation)) {
            throw new IllegalArgumentException("a wildcard subject has no relation: " + type + ":*#" + relation);
        }
    }

    public static SubjectRef of(String type, String id) {
        return new SubjectRef(type, id, ELLIPSIS);
    }

    public static SubjectRef of(ObjectRef object) {
        return new SubjectRef(object.type(), object.id(), ELLIPSIS);
    }

    public static SubjectRef set(ObjectRef object, String relation) {
        return new SubjectRef(object.type(), object.id(), relation);
    }

    public static SubjectRef wildcard(String type) {
        return new SubjectRef(type, WILDCARD, ELLIPSIS);
    }

    /** Parses {@code type:id}, {@code type:id#relation}, {@code type:id#...} or {@code type:*}. */
    public static SubjectRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected type:id[#relation], found '" + Names.abbreviate(text) + "'");
        }
        int hash = text.indexOf('#', colon);
        String id = hash < 0 ? text.substring(colon + 1) : text.substring(colon + 1, hash);
        String relation = hash < 0 ? ELLIPSIS : text.substring(hash + 1);
        return new SubjectRef(text.substring(0, colon), id, relation);
    }

    public boolean isWildcard() {
        return WILDCARD.equals(id);
    }

    public boolean hasRelation() {
        return !ELLIPSIS.equals(relation);
    }

    public Optional<String> optionalRelation() {
        return hasRelation() ? Optional.of(relation) : Optional.empty();
    }

    public ObjectRef object() {
        if (isWildcard()) {
            throw new IllegalStateException("a wildcard is not an object: " + this);
        }
        return new ObjectRef(type, id);
    }

    @Override
    public String toString() {
        return hasRelation() ? type + ":" + id + "#" + relation : type + ":" + id;
    }
}
