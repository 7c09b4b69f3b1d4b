package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check evaluator decides relations that the schema keeps free of subject sets ("leaves") without
 * its memo and cycle bookkeeping. Data that holds subject sets there anyway (written straight to the
 * store, or under an earlier schema) must still be followed, cycles included, and expirations apply.
 */
class LeafRelationTest {
    private static final String SCHEMA = """
            use expiration

            definition user {}

            definition team {
              relation member: user | user with expiration
            }

            definition doc {
              relation viewer: user | user with expiration
              relation reader: user | team#member
              permission view = viewer + reader
            }
            """;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private MemoryRelationships store;
    private LocalAuthorizer authorizer;

    @BeforeEach
    void setUp() {
        MemoryTransactions tx = new MemoryTransactions();
        store = new MemoryRelationships(tx);
        authorizer = LocalAuthorizer.create(Schema.parse(SCHEMA).value(), store, tx, clock).value();
    }

    private Permissionship check(String resource, String permission, String subject) {
        return authorizer.check(ObjectRef.parse(resource), permission, SubjectRef.parse(subject)).value();
    }

    private void writeUnvalidated(String... relationships) {
        List<RelationshipUpdate> updates = java.util.Arrays.stream(relationships)
                .map(r -> RelationshipUpdate.create(RelationshipText.parse(r).relationship()))
                .toList();
        assertThat(store.write(updates).isOk()).isTrue();
    }

    @Test
    void leafRelationsAnswerDirectlyAndHonourExpiration() {
        assertThat(authorizer.write(List.of(
                RelationshipUpdate.create(Relationship.of(ObjectRef.parse("doc:d"), "viewer", SubjectRef.parse("user:ann"))),
                RelationshipUpdate.create(Relationship.expiring(ObjectRef.parse("doc:d"), "viewer",
                        SubjectRef.parse("user:bob"), clock.instant().plus(Duration.ofHours(1)))))).isOk()).isTrue();

        assertThat(check("doc:d", "viewer", "user:ann")).isEqualTo(HAS_PERMISSION);
        assertThat(check("doc:d", "view", "user:bob")).isEqualTo(HAS_PERMISSION);
        assertThat(check("doc:d", "view", "user:cat")).isEqualTo(NO_PERMISSION);
        clock.advance(Duration.ofHours(2));
        assertThat(check("doc:d", "view", "user:bob")).isEqualTo(NO_PERMISSION);
    }

    @Test
    void subjectSetsInALeafRelationAreStillFollowed() {
        // doc#viewer admits only users; this subject set bypasses the schema's validation.
        writeUnvalidated("doc:d#viewer@team:t#member", "team:t#member@user:ann");

        assertThat(check("doc:d", "view", "user:ann")).isEqualTo(HAS_PERMISSION);
        assertThat(check("doc:d", "viewer", "user:ann")).isEqualTo(HAS_PERMISSION);
        assertThat(check("doc:d", "view", "user:bob")).isEqualTo(NO_PERMISSION);
    }

    @Test
    void aCycleThroughLeafRelationsStillFailsClosed() {
        writeUnvalidated("team:a#member@team:b#member", "team:b#member@team:a#member");

        var result = authorizer.check(ObjectRef.parse("team:a"), "member", SubjectRef.parse("user:ann"));
        assertThat(result.isOk()).isFalse();
    }
}
