package dev.gatehouse.postgres;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipIndex;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Gatehouse instances on one database, each reading relationships through its own index (ADR
 * 0036): a write, a delete and an expiry made through one are seen by the other — at once with the
 * writer's consistency token, and without one as soon as the change's announcement (or a freshness
 * mark asked after it) has arrived, which the bound guarantees within {@code max-staleness}. The
 * tests wait for conditions, never for time.
 */
class PostgresRelationshipIndexTest {
    private static final String SCHEMA = """
            use expiration
            definition user {}
            definition organization {
              relation member: user | user with expiration
              permission view = member
            }
            """;
    private static final ObjectRef ACME = new ObjectRef("organization", "acme");
    private static final SubjectRef ANN = SubjectRef.of("user", "ann");
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static ApplicationContext context;

    private final TestClock clock = new TestClock(START);
    private IndexedInstance first;
    private IndexedInstance second;
    private LocalAuthorizer writer;
    private LocalAuthorizer reader;

    @BeforeAll
    static void startContext() {
        context = AdapterContext.start(POSTGRES.database());
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    @BeforeEach
    void twoInstances() {
        POSTGRES.database().truncateAllTables();
        RelationshipIndex.Settings settings = new RelationshipIndex.Settings(10_000, Duration.ofSeconds(1), Duration.ofSeconds(30));
        first = IndexedInstance.start(context, settings);
        second = IndexedInstance.start(context, settings);
        Schema schema = Schema.parse(SCHEMA).value();
        writer = LocalAuthorizer.create(schema, first.index(), context.getBean(Transactions.class), clock).value();
        reader = LocalAuthorizer.create(schema, second.index(), context.getBean(Transactions.class), clock).value();
    }

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    private ConsistencyToken write(RelationshipUpdate.Operation operation, String relationship) {
        return writer.write(List.of(new RelationshipUpdate(operation, RelationshipText.parse(relationship).relationship())))
                .value();
    }

    private Permissionship readerSees(Optional<ConsistencyToken> token) {
        return reader.check(ACME, "view", ANN, token).value();
    }

    /** Polls (without sleeping) until the condition holds; fails after a generous deadline. */
    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime() - deadline).as("still waiting for: " + what).isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void aWriteOnOneInstanceIsSeenOnTheOtherAtOnceWithItsTokenAndWithoutOneOnceAnnounced() {
        assertThat(readerSees(Optional.empty())).as("held by the reader's index").isEqualTo(Permissionship.NO_PERMISSION);
        long before = second.index().applied();
        ConsistencyToken token = write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");

        assertThat(readerSees(Optional.of(token))).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(second.index().applied()).as("answered from the index: the write was announced to it")
                .isGreaterThan(before);

        ConsistencyToken removed = write(RelationshipUpdate.Operation.DELETE, "organization:acme#member@user:ann");
        await("the reader sees the removal without a token", () -> readerSees(Optional.empty()) == Permissionship.NO_PERMISSION);
        assertThat(readerSees(Optional.of(removed))).isEqualTo(Permissionship.NO_PERMISSION);
    }

    @Test
    void aDeleteByFilterIsSeenOnTheOtherInstance() {
        ConsistencyToken written = write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");
        assertThat(readerSees(Optional.of(written))).isEqualTo(Permissionship.HAS_PERMISSION);

        ConsistencyToken deleted = writer.delete(RelationshipFilter.ofResource(ACME)).value();
        assertThat(readerSees(Optional.of(deleted))).isEqualTo(Permissionship.NO_PERMISSION);

        write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");
        await("the reader sees the new grant without a token", () -> readerSees(Optional.empty()) == Permissionship.HAS_PERMISSION);
        writer.delete(RelationshipFilter.any().withSubjectType("user").withSubjectId("ann"));
        await("the reader sees the delete by subject without a token",
                () -> readerSees(Optional.empty()) == Permissionship.NO_PERMISSION);
    }

    @Test
    void anExpiringRelationshipStopsGrantingOnEveryInstanceWhenItExpires() {
        ConsistencyToken token = write(RelationshipUpdate.Operation.TOUCH,
                "organization:acme#member@user:ann[expiration:2026-03-01T01:00:00Z]");
        assertThat(readerSees(Optional.of(token))).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(reader.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.HAS_PERMISSION);

        clock.advance(Duration.ofHours(1));
        assertThat(readerSees(Optional.empty())).as("expired: no change to announce").isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
    }

    @Test
    void theWriterReadsItsOwnWritesAtOnceWithoutAToken() {
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
        write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.HAS_PERMISSION);
        write(RelationshipUpdate.Operation.DELETE, "organization:acme#member@user:ann");
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
    }

    @Test
    void aWriteInsideATransactionIsAnnouncedOnlyWhenItCommits() {
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
        Transactions tx = context.getBean(Transactions.class);
        tx.inTransaction(() -> {
            write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");
            assertThat(writer.check(ACME, "view", ANN).value()).as("inside: the transaction's own view")
                    .isEqualTo(Permissionship.HAS_PERMISSION);
            return null;
        });
        assertThat(writer.check(ACME, "view", ANN).value()).as("after the commit, from the index")
                .isEqualTo(Permissionship.HAS_PERMISSION);
    }

    @Test
    void aWriteThatRollsBackIsNeverSeen() {
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
        Transactions tx = context.getBean(Transactions.class);
        tx.inTransaction(() -> {
            write(RelationshipUpdate.Operation.TOUCH, "organization:acme#member@user:ann");
            return dev.gatehouse.core.shared.Result.fail(dev.gatehouse.core.shared.Reason.VALIDATION, "roll back");
        });
        assertThat(writer.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(reader.check(ACME, "view", ANN).value()).isEqualTo(Permissionship.NO_PERMISSION);
    }
}
