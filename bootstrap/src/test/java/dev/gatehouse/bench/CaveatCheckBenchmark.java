package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.CheckResult;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.caveats.CelCaveats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of a caveat in a check ({@link LocalAuthorizer#checkWithContext} over the memory store,
 * CEL-Java through the SpiceDB adapter's engine): 1,000 documents, each with a viewer under
 * {@code ip_allowlist(ip ipaddress, cidr string) { ip.in_cidr(cidr) }} (the CIDR in the
 * relationship, the IP in the request) and an editor without a caveat. {@code caveated} checks a
 * caveated viewer (the caveat true for half the checks), {@code plain} the uncaveated editor of the
 * same document, {@code conditional} the caveated viewer without the IP (answer CONDITIONAL).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CaveatCheckBenchmark {
    private static final int DOCS = 1_000;
    private static final String SCHEMA = """
            caveat ip_allowlist(ip ipaddress, cidr string) { ip.in_cidr(cidr) }
            definition user {}
            definition doc {
                relation viewer: user with ip_allowlist
                relation editor: user
                permission view = viewer + editor
                permission edit = editor
            }
            """;
    private static final List<Map<String, Object>> CONTEXTS = List.of(Map.of("ip", "10.1.2.3"), Map.of("ip", "192.168.0.9"));

    private LocalAuthorizer authorizer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        MemoryTransactions tx = new MemoryTransactions();
        authorizer = LocalAuthorizer.create(Schema.parse(SCHEMA).value(), new MemoryRelationships(tx), tx,
                Clock.systemUTC(), CelCaveats.evaluator()).value();
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            updates.add(RelationshipUpdate.touch(RelationshipText.parse("doc:d" + i + "#viewer@user:u" + i
                    + "[ip_allowlist:{\"cidr\":\"10.0.0.0/8\"}]").relationship()));
            updates.add(RelationshipUpdate.touch(RelationshipText.parse("doc:d" + i + "#editor@user:e" + i).relationship()));
        }
        if (!authorizer.write(updates).isOk()) {
            throw new IllegalStateException("setup write failed");
        }
        expect(check("view", "u1", CONTEXTS.get(0)), Permissionship.HAS_PERMISSION);
        expect(check("view", "u1", CONTEXTS.get(1)), Permissionship.NO_PERMISSION);
        expect(check("view", "u1", Map.of()), Permissionship.CONDITIONAL_PERMISSION);
        expect(check("edit", "e1", Map.of()), Permissionship.HAS_PERMISSION);
    }

    private static void expect(Result<CheckResult> r, Permissionship expected) {
        if (!r.isOk() || r.value().permissionship() != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + r);
        }
    }

    private Result<CheckResult> check(String permission, String user, Map<String, Object> context) {
        String doc = "d" + user.substring(1);
        return authorizer.checkWithContext(new ObjectRef("doc", doc), permission, SubjectRef.of("user", user), context,
                Optional.empty());
    }

    @Benchmark
    public Object caveated() {
        int i = next++;
        return check("view", "u" + (i % DOCS), CONTEXTS.get(i & 1));
    }

    @Benchmark
    public Object plain() {
        int i = next++;
        return check("edit", "e" + (i % DOCS), CONTEXTS.get(i & 1));
    }

    @Benchmark
    public Object conditional() {
        int i = next++;
        return check("view", "u" + (i % DOCS), Map.of());
    }
}
