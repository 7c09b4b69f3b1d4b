package dev.gatehouse.spicedb;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.CheckResult;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxAuthorizer;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipRelay;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.memory.MemoryRelationshipOutbox;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.caveats.CelCaveats;
import dev.gatehouse.spicedb.testing.SpiceDbFront;
import dev.gatehouse.spicedb.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caveats through SpiceDB mode, against the real SpiceDB (v1.54 in-process behind the gRPC front of
 * {@link RealSpiceDbTest}): caveated relationships (name and context) go through the relationship
 * outbox and the relay to {@link SpiceDbAuthorizer}, which writes them as SpiceDB's
 * {@code optional_caveat}; checks and lookups carry the question's context and map SpiceDB's
 * CONDITIONAL answers with the missing parameters. Every answer is also asked of the local evaluator
 * with the CEL engine over the same relationships, and must be the same.
 */
class CaveatsOverRealSpiceDbTest {
    static final String SCHEMA = """
            caveat ip_allowlist(ip ipaddress, cidr string) { ip.in_cidr(cidr) }
            caveat below(n int, limit int) { n < limit }

            definition user {}

            definition team {
                relation member: user | user with below
            }

            definition doc {
                relation viewer: user | user with ip_allowlist | team#member | user:* with below
                relation banned: user with below
                permission view = viewer - banned
            }
            """;
    private static final List<String> RELATIONSHIPS = List.of(
            "doc:d1#viewer@user:ann[ip_allowlist:{\"cidr\":\"10.0.0.0/8\"}]",
            "doc:d1#viewer@user:bob",
            "doc:d1#viewer@team:core#member",
            "team:core#member@user:cat[below:{\"limit\":5}]",
            "doc:d1#banned@user:bob[below:{\"n\":1}]",
            "doc:d2#viewer@user:*[below:{\"n\":2,\"limit\":3}]",
            "doc:d3#viewer@user:ann[ip_allowlist]");
    private static final ObjectRef D1 = new ObjectRef("doc", "d1");

    private static SpiceDbFront front;
    private static SpiceDbConnection connection;
    private static Authorizer spiceDb;
    private static LocalAuthorizer local;

    @BeforeAll
    static void writeThroughTheOutbox() throws Exception {
        String endpoint = System.getenv(RealSpiceDbTest.ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            front = SpiceDbFront.start();
            endpoint = front.endpoint();
        }
        connection = SpiceDbConnection.open(endpoint, Optional.of("gatehouse-test-" + UUID.randomUUID()), true);
        Result<SpiceDbAuthorizer> started = SpiceDbAdapter.start(connection, Eventually.GENEROUS, Optional.of(SCHEMA));
        assertThat(started.isOk()).as("%s", started).isTrue();
        spiceDb = started.value();
        for (String type : List.of("doc", "team")) {
            assertThat(spiceDb.delete(RelationshipFilter.any().withResourceType(type)).isOk()).isTrue();
        }
        Schema schema = Schema.parse(SCHEMA).value();
        TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
        MemoryTransactions tx = new MemoryTransactions();
        MemoryRelationshipOutbox outbox = new MemoryRelationshipOutbox(tx);
        OutboxAuthorizer viaOutbox = new OutboxAuthorizer(spiceDb, outbox, clock, Optional.of(schema));
        List<RelationshipUpdate> updates = RELATIONSHIPS.stream()
                .map(text -> RelationshipUpdate.touch(RelationshipText.parse(text).relationship())).toList();
        Result<ConsistencyToken> enqueued = viaOutbox.write(updates);
        assertThat(enqueued.isOk()).as("%s", enqueued).isTrue();
        RelationshipRelay.Outcome relayed = new RelationshipRelay(outbox, spiceDb, clock).relayDue(10);
        assertThat(relayed.relayed()).as("%s", relayed).isEqualTo(1);
        assertThat(outbox.find(OutboxAuthorizer.sequence(enqueued.value()).orElseThrow()).orElseThrow().isRelayed()).isTrue();

        MemoryTransactions localTx = new MemoryTransactions();
        local = LocalAuthorizer.create(schema, new MemoryRelationships(localTx), localTx, clock, CelCaveats.evaluator()).value();
        assertThat(local.write(updates).isOk()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (front != null) {
            front.close();
        }
    }

    private static CheckResult check(Authorizer authorizer, String resource, String subject, Map<String, Object> context) {
        Result<CheckResult> r = authorizer.checkWithContext(ObjectRef.parse(resource), "view", SubjectRef.parse(subject),
                context, Optional.empty());
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private static CheckResult both(String resource, String subject, Map<String, Object> context) {
        CheckResult remote = check(spiceDb, resource, subject, context);
        assertThat(check(local, resource, subject, context)).as("local vs SpiceDB for %s@%s with %s", resource, subject, context)
                .isEqualTo(remote);
        return remote;
    }

    @Test
    void checksPassTheContextAndMapConditionalAnswersWithWhatIsMissing() {
        assertThat(both("doc:d1", "user:ann", Map.of())).isEqualTo(
                new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("ip")));
        assertThat(both("doc:d1", "user:ann", Map.of("ip", "10.1.2.3")).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(both("doc:d1", "user:ann", Map.of("ip", "192.168.0.1")).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        // the relationship's own context wins: d3's caveat has no cidr, so the question must give both
        assertThat(both("doc:d3", "user:ann", Map.of("ip", "10.1.2.3"))).isEqualTo(
                new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("cidr")));
        assertThat(both("doc:d3", "user:ann", Map.of("ip", "10.1.2.3", "cidr", "10.0.0.0/8")).permissionship())
                .isEqualTo(Permissionship.HAS_PERMISSION);
        // bob is banned below limit: conditional on limit; with limit 0 the ban does not hold
        assertThat(both("doc:d1", "user:bob", Map.of()).permissionship()).isEqualTo(Permissionship.CONDITIONAL_PERMISSION);
        assertThat(both("doc:d1", "user:bob", Map.of("limit", 0)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(both("doc:d1", "user:bob", Map.of("limit", 2)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        // through a caveated team membership, context numbers as JSON numbers
        assertThat(both("doc:d1", "user:cat", Map.of("n", 4)).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(both("doc:d1", "user:cat", Map.of("n", 7)).permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        // a caveated wildcard whose context is complete in the relationship
        assertThat(both("doc:d2", "user:zed", Map.of()).permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        // the context-free check keeps denying what is only conditional
        assertThat(spiceDb.check(D1, "view", SubjectRef.of("user", "ann")).isOk()).isFalse();
    }

    @Test
    void lookupResourcesPassesTheContextAndListsConditionalResources() {
        for (Map<String, Object> context : List.of(Map.<String, Object>of(), Map.<String, Object>of("ip", "10.1.2.3"),
                Map.<String, Object>of("ip", "10.1.2.3", "cidr", "10.0.0.0/8"))) {
            Result<CursorPage<Authorizer.FoundResource>> remote = spiceDb.lookupResourcesWithContext("doc", "view",
                    SubjectRef.of("user", "ann"), context, Optional.empty(), 100);
            Result<CursorPage<Authorizer.FoundResource>> mine = local.lookupResourcesWithContext("doc", "view",
                    SubjectRef.of("user", "ann"), context, Optional.empty(), 100);
            assertThat(remote.isOk()).as("%s", remote).isTrue();
            // same resources and permissionships; SpiceDB (cel-go) may name fewer missing parameters
            assertThat(remote.value().items()).as("context %s", context).hasSameSizeAs(mine.value().items());
            for (int i = 0; i < mine.value().items().size(); i++) {
                var theirs = remote.value().items().get(i);
                var ours = mine.value().items().get(i);
                assertThat(theirs.id()).isEqualTo(ours.id());
                assertThat(theirs.result().permissionship()).isEqualTo(ours.result().permissionship());
                assertThat(ours.result().missingContext()).containsAll(theirs.result().missingContext());
            }
        }
        var none = spiceDb.lookupResourcesWithContext("doc", "view", SubjectRef.of("user", "ann"), Map.of(),
                Optional.empty(), 100).value().items();
        assertThat(none).extracting(Authorizer.FoundResource::id).containsExactly("d1", "d2", "d3");
        assertThat(none.get(0).result()).isEqualTo(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("ip")));
        assertThat(none.get(1).result().permissionship()).isEqualTo(Permissionship.HAS_PERMISSION);
        // both parameters are missing; cel-go names the first operand only (docs/authorization.md)
        assertThat(none.get(2).result()).isEqualTo(new CheckResult(Permissionship.CONDITIONAL_PERMISSION, List.of("ip")));
    }

    @Test
    void lookupSubjectsPassesTheContextAndListsConditionalSubjects() {
        FoundSubjects remote = spiceDb.lookupSubjectsWithContext(D1, "view", "user", Optional.empty(), Map.of()).value();
        assertThat(remote.subjectIds()).isEmpty();
        assertThat(remote.conditionalSubjects()).containsOnlyKeys("ann", "bob", "cat");
        assertThat(remote.conditionalSubjects().get("ann")).containsExactly("ip");
        assertThat(remote.wildcard()).isFalse();
        FoundSubjects mine = local.lookupSubjectsWithContext(D1, "view", "user", Optional.empty(), Map.of()).value();
        assertThat(mine.subjectIds()).isEqualTo(remote.subjectIds());
        assertThat(mine.conditionalSubjects().keySet()).isEqualTo(remote.conditionalSubjects().keySet());

        Map<String, Object> context = Map.of("ip", "10.1.2.3", "n", 1, "limit", 0);
        FoundSubjects decided = spiceDb.lookupSubjectsWithContext(D1, "view", "user", Optional.empty(), context).value();
        assertThat(decided.subjectIds()).containsExactly("ann", "bob", "cat");
        assertThat(decided.conditionalSubjects()).isEmpty();
        assertThat(local.lookupSubjectsWithContext(D1, "view", "user", Optional.empty(), context).value().subjectIds())
                .isEqualTo(decided.subjectIds());
    }
}
