package dev.gatehouse.spicedb;

import com.authzed.api.v1.CheckPermissionRequest;
import com.authzed.api.v1.RelationshipUpdate.Operation;
import com.authzed.api.v1.WriteRelationshipsRequest;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.AuthorizationFailures;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxAuthorizer;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.OutboxLag;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipRelay;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.memory.MemoryRelationshipOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.testing.Eventually;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox end to end: {@link OutboxAuthorizer} and {@link RelationshipRelay} over
 * {@link SpiceDbAuthorizer} (real gRPC, in-process) against {@link TestSpiceDb}, with the memory
 * outbox. A SpiceDB outage loses no write, and reads never answer from a state that may lack one.
 */
class OutboxOverSpiceDbTest {
    private static final ObjectRef WEB = ObjectRef.parse("project:web");
    private static final SubjectRef BOB = SubjectRef.parse("user:bob");
    private static final SubjectRef EVE = SubjectRef.parse("user:eve");
    private static final SubjectRef MALLORY = SubjectRef.parse("user:mallory");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationshipOutbox outbox = new MemoryRelationshipOutbox(tx);
    private TestSpiceDb server;
    private SpiceDbConnection connection;
    private OutboxAuthorizer authorizer;
    private RelationshipRelay relay;

    @BeforeEach
    void start() {
        server = TestSpiceDb.inProcess(Optional.of(TestSpiceDb.TOKEN), clock);
        connection = SpiceDbConnection.over(server.inProcessChannel(), Optional.of(TestSpiceDb.TOKEN));
        Result<SpiceDbAuthorizer> spiceDb = SpiceDbAdapter.start(connection, Eventually.GENEROUS,
                Optional.of(AuthorizerContract.SCHEMA));
        assertThat(spiceDb.isOk()).as("%s", spiceDb).isTrue();
        Schema schema = Schema.parse(AuthorizerContract.SCHEMA).value();
        authorizer = new OutboxAuthorizer(spiceDb.value(), outbox, clock, Optional.of(schema));
        relay = new RelationshipRelay(outbox, spiceDb.value(), clock, Duration.ofMinutes(1), () -> 0.0);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    private static Relationship rel(String text) {
        return RelationshipText.parse(text).relationship();
    }

    private ConsistencyToken ok(Result<ConsistencyToken> r) {
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private Permissionship check(SubjectRef subject, Optional<ConsistencyToken> token) {
        Result<Permissionship> r = authorizer.check(WEB, "viewer", subject, token);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private OutboxEntry entry(ConsistencyToken token) {
        return outbox.find(OutboxAuthorizer.sequence(token).orElseThrow()).orElseThrow();
    }

    private void waitOutBackoff(ConsistencyToken head) {
        clock.advance(Duration.between(clock.instant(), entry(head).nextAttemptAt()));
    }

    @Test
    void writesDuringAnOutageAreKeptRetriedAndDeliveredInOrderAfterItEnds() {
        ok(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:mallory")))));
        assertThat(relay.relayDue(10).relayed()).isEqualTo(1);
        server.failWith(Status.UNAVAILABLE.withDescription("connection refused"));

        ConsistencyToken bob = ok(authorizer.write(List.of(RelationshipUpdate.create(rel("project:web#member@user:bob")))));
        ConsistencyToken eve = ok(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:eve")))));
        ConsistencyToken revoke = ok(authorizer.delete(RelationshipFilter.ofResource(WEB).withRelation("member")
                .withSubjectType("user").withSubjectId("mallory")));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(3, 0, 1, 2));
            assertThat(entry(bob).attempts()).isEqualTo(attempt);
            assertThat(entry(bob).lastError()).hasValueSatisfying(e -> assertThat(e).contains("UNAVAILABLE"));
            waitOutBackoff(bob);
        }
        assertThat(relay.lag().pending()).isEqualTo(3);
        Result<Permissionship> duringOutage = authorizer.check(WEB, "viewer", MALLORY, Optional.empty());
        assertThat(duringOutage.isOk()).as("reads fail closed during the outage").isFalse();

        server.recover();
        assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(3, 3, 0, 0));

        assertThat(relay.lag()).isEqualTo(OutboxLag.NONE);
        assertThat(check(BOB, Optional.of(bob))).isEqualTo(HAS_PERMISSION);
        assertThat(check(EVE, Optional.of(eve))).isEqualTo(HAS_PERMISSION);
        assertThat(check(MALLORY, Optional.of(revoke))).isEqualTo(NO_PERMISSION);
        List<WriteRelationshipsRequest> writes = server.requests(WriteRelationshipsRequest.class);
        assertThat(writes).flatExtracting(WriteRelationshipsRequest::getUpdatesList)
                .extracting(com.authzed.api.v1.RelationshipUpdate::getOperation)
                .as("every CREATE goes out as TOUCH").containsOnly(Operation.OPERATION_TOUCH);
    }

    @Test
    void aCheckWithAnOutboxTokenFailsClosedUntilTheChangeIsRelayedThenReadsAtItsZedToken() {
        server.failWith(Status.UNAVAILABLE.withDescription("connection refused"));
        ConsistencyToken token = ok(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:bob")))));
        relay.relayDue(10);
        server.recover();

        Result<Permissionship> early = authorizer.check(WEB, "viewer", BOB, Optional.of(token));
        assertThat(early.isOk()).isFalse();
        assertThat(early.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(early.failure().message()).contains("not yet replicated");
        assertThat(early.failure().details())
                .containsEntry(AuthorizationFailures.CODE, AuthorizationFailures.NOT_YET_REPLICATED);

        waitOutBackoff(token);
        assertThat(relay.relayDue(10).relayed()).isEqualTo(1);
        assertThat(check(BOB, Optional.of(token))).isEqualTo(HAS_PERMISSION);

        ConsistencyToken zedToken = entry(token).consistencyToken().orElseThrow();
        List<CheckPermissionRequest> checks = server.requests(CheckPermissionRequest.class);
        assertThat(checks.get(checks.size() - 1).getConsistency().getAtLeastAsFresh().getToken())
                .isEqualTo(zedToken.value());
    }

    @Test
    void aCreateOfARelationshipSpiceDbAlreadyHasIsRelayedAsATouch() {
        server.touch(rel("project:web#member@user:bob")); // say, a batch applied whose answer was lost
        ConsistencyToken token = ok(authorizer.write(List.of(RelationshipUpdate.create(rel("project:web#member@user:bob")))));
        assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(1, 1, 0, 0));
        assertThat(entry(token).isRelayed()).isTrue();
        assertThat(check(BOB, Optional.of(token))).isEqualTo(HAS_PERMISSION);
    }

    @Test
    void lagGrowsDuringAnOutageAndClearsAfterIt() {
        server.failWith(Status.DEADLINE_EXCEEDED);
        ok(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:bob")))));
        clock.advance(Duration.ofSeconds(30));
        relay.relayDue(10);
        assertThat(relay.lag()).isEqualTo(new OutboxLag(1, Duration.ofSeconds(30)));
        server.recover();
        clock.advance(Duration.ofSeconds(1));
        relay.relayDue(10);
        assertThat(relay.lag()).isEqualTo(OutboxLag.NONE);
    }
}
