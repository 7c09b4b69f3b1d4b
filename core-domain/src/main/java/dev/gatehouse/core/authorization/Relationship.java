package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact of the permission system: {@code resource#relation@subject}, optionally expiring. Its
 * identity ({@link #key()}) leaves the expiration out: touching a relationship changes its
 * expiration, it does not add a second one.
 */
public record Relationship(ObjectRef resource, String relation, SubjectRef subject, Optional<Instant> expiration) {

    public Relationship {
        Objects.requireNonNull(resource, "resource");
        Names.requireRelation(relation);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiration, "expiration");
    }

    public static Relationship of(ObjectRef resource, String relation, SubjectRef subject) {
        return new Relationship(resource, relation, subject, Optional.empty());
    }

    public static Relationship expiring(ObjectRef resource, String relation, SubjectRef subject, Instant expiresAt) {
        return new Relationship(resource, relation, subject, Optional.of(expiresAt));
    }

    /** The identity of a relationship, without its expiration. */
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

    /** SpiceDB's text form, for example {@code doc:1#viewer@user:tom[expiration:2030-01-01T00:00:00Z]}. */
    @Override
    public String toString() {
        return resource + "#" + relation + "@" + subject
                + expiration.map(e -> "[expiration:" + e + "]").orElse("");
    }
}
