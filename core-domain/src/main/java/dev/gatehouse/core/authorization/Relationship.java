package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact of the permission system: {@code resource#relation@subject}, optionally under a caveat
 * (it holds only when the caveat's expression does) and optionally expiring. Its identity
 * ({@link #key()}) leaves caveat and expiration out, as in SpiceDB: touching a relationship replaces
 * its caveat and expiration, it does not add a second one.
 */
public record Relationship(ObjectRef resource, String relation, SubjectRef subject, Optional<Instant> expiration,
                           Optional<RelationshipCaveat> caveat) {

    public Relationship {
        Objects.requireNonNull(resource, "resource");
        Names.requireRelation(relation);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(caveat, "caveat");
    }

    /** A relationship without a caveat. */
    public Relationship(ObjectRef resource, String relation, SubjectRef subject, Optional<Instant> expiration) {
        this(resource, relation, subject, expiration, Optional.empty());
    }

    public static Relationship of(ObjectRef resource, String relation, SubjectRef subject) {
        return new Relationship(resource, relation, subject, Optional.empty());
    }

    public static Relationship expiring(ObjectRef resource, String relation, SubjectRef subject, Instant expiresAt) {
        return new Relationship(resource, relation, subject, Optional.of(expiresAt));
    }

    /** The same relationship under {@code caveat}. */
    public Relationship withCaveat(RelationshipCaveat caveat) {
        return new Relationship(resource, relation, subject, expiration, Optional.of(caveat));
    }

    /** The identity of a relationship, without its caveat and expiration. */
    public record Key(ObjectRef resource, String relation, SubjectRef subject) {
        @Override
        public String toString() {
            return resource + "#" + relation + "@" + subject;
        }
    }

    public Key key() {
        return new Key(resource, relation, subject);
    }

    /** Whether it has expired at {@code now}: an expired relationship grants nothing. */
    public boolean expiredAt(Instant now) {
        return expiration.isPresent() && !expiration.get().isAfter(now);
    }

    /**
     * SpiceDB's text form, for example {@code doc:1#viewer@user:tom[expiration:2030-01-01T00:00:00Z]}
     * or {@code doc:1#viewer@user:tom[on_tuesday:{"day":"tue"}]}.
     */
    @Override
    public String toString() {
        return resource + "#" + relation + "@" + subject
                + caveat.map(c -> "[" + c + "]").orElse("")
                + expiration.map(e -> "[expiration:" + e + "]").orElse("");
    }
}
