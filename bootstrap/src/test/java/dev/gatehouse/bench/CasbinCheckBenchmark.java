package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.PermissionCatalog;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer of {@link LocalCheckBenchmark}: the same organizations, users, roles and check tuples
 * ({@link ProductDataset}, same seed) in jcasbin's RBAC with domains, with role templates shared by
 * every domain (the fast form: a handful of policies instead of one set per organization). Plain
 * {@link Enforcer}, in-memory policies, no result cache; every tuple's answer is checked against the
 * expected one before measuring.
 *
 * <p>Model ({@link #MODEL_PER_PERMISSION}):
 * <pre>
 * [request_definition]  r = sub, dom, obj, act
 * [policy_definition]   p = sub, dom, obj, act
 * [role_definition]     g = _, _, _
 * [policy_effect]       e = some(where (p.eft == allow))
 * [matchers]            m = r.act == p.act &amp;&amp; g(r.sub, p.sub, r.dom) &amp;&amp; (p.dom == "*" || r.dom == p.dom) &amp;&amp; keyMatch(r.obj, p.obj)
 * </pre>
 * The cheap action comparison comes first so the role lookup runs only for matching policies.
 *
 * <p>Policies, {@code policies=permission} (85): per built-in role
 * {@code role_owner|role_admin|role_member|role_viewer} and per catalog permission the role holds
 * ({@link PermissionCatalog.Entry#leastRole()}): {@code p, role_<r>, *, *, <permission>}; plus the
 * schema's one asymmetry, {@code p, role_member, *, environment/development/*, api_keys_write}.
 * {@code policies=role} (5, {@link #MODEL_PER_ROLE}: the matcher's {@code r.act == p.act} becomes
 * {@code regexMatch(r.act, p.act)}): one policy per role, {@code p, role_<r>, *, *, ^(perm1|perm2|…)$},
 * plus {@code p, role_member, *, environment/development/*, ^api_keys_write$}. jcasbin evaluates the
 * matcher once per policy, so fewer policies is faster.
 *
 * <p>Role assignments (100,000 for 10,000 organizations): {@code g, u<o>_<m>, role_<r>, o<o>}. A
 * request is {@code (u<o>_<m>, o<org of the resource>, project/<id> | environment/production/<id> |
 * environment/development/<id>, <permission>)}: the caller supplies the domain and encodes production
 * in the object path, which the local evaluator derives from relationships instead. jcasbin cannot
 * express the rest of {@code gatehouse.zed} (custom roles through bindings, project- and
 * environment-level grants, expiring grants, API keys as subjects, permissions as set algebra), so
 * this model is what the same tuples need and no more.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class CasbinCheckBenchmark {
    /** One policy per role and permission: the action compared exactly. */
    static final String MODEL_PER_PERMISSION = """
            [request_definition]
            r = sub, dom, obj, act

            [policy_definition]
            p = sub, dom, obj, act

            [role_definition]
            g = _, _, _

            [policy_effect]
            e = some(where (p.eft == allow))

            [matchers]
            m = r.act == p.act && g(r.sub, p.sub, r.dom) && (p.dom == "*" || r.dom == p.dom) && keyMatch(r.obj, p.obj)
            """;
    /** One policy per role: the action matched against the alternation of the role's permissions. */
    static final String MODEL_PER_ROLE = MODEL_PER_PERMISSION.replace("r.act == p.act", "regexMatch(r.act, p.act)");
    private static final int MASK = LocalCheckBenchmark.TUPLES - 1;

    @Param("10000")
    public int organizations;

    /** {@code permission}: 85 policies, {@code r.act == p.act}; {@code role}: 5 policies, {@code regexMatch}. */
    @Param({"role", "permission"})
    public String policies;

    private Enforcer enforcer;
    private ProductDataset.Tuple[] tuples;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        long start = System.nanoTime();
        boolean perRole = this.policies.equals("role");
        Model model = Model.newModelFromString(perRole ? MODEL_PER_ROLE : MODEL_PER_PERMISSION);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        List<List<String>> policies = new ArrayList<>();
        for (PermissionCatalog.Role role : PermissionCatalog.Role.values()) {
            List<String> granted = new ArrayList<>();
            for (PermissionCatalog.Entry p : PermissionCatalog.entries()) {
                if (role.compareTo(p.leastRole()) >= 0) {
                    granted.add(p.permission());
                }
            }
            if (perRole) {
                policies.add(List.of(roleName(role), "*", "*", "^(" + String.join("|", granted) + ")$"));
            } else {
                granted.forEach(p -> policies.add(List.of(roleName(role), "*", "*", p)));
            }
        }
        policies.add(List.of(roleName(PermissionCatalog.Role.MEMBER), "*", "environment/development/*",
                perRole ? "^api_keys_write$" : "api_keys_write"));
        enforcer.addPolicies(policies);
        List<List<String>> assignments = new ArrayList<>();
        for (int o = 0; o < organizations; o++) {
            for (int m = 0; m < ProductDataset.MEMBERS; m++) {
                assignments.add(List.of(ProductDataset.user(o, m), roleName(ProductDataset.ROLES[m]), ProductDataset.org(o)));
            }
        }
        enforcer.addGroupingPolicies(assignments);
        ProductDataset dataset = new ProductDataset(organizations);
        tuples = dataset.tuples(LocalCheckBenchmark.TUPLES, 42);
        for (ProductDataset.Tuple t : tuples) {
            boolean allowed = enforcer.enforce(t.casbinSubject(), t.casbinDomain(), t.casbinObject(), t.permission());
            if (allowed != t.expected()) {
                throw new IllegalStateException("jcasbin answers " + allowed + " for " + t);
            }
        }
        System.out.printf("%n[jcasbin/" + this.policies + "] %d policies, %,d role assignments; %s verified in %.1f s%n", policies.size(),
                assignments.size(), ProductDataset.describe(tuples), (System.nanoTime() - start) / 1e9);
    }

    private static String roleName(PermissionCatalog.Role role) {
        return "role_" + ProductDataset.relation(role);
    }

    @Benchmark
    public boolean check() {
        ProductDataset.Tuple t = tuples[next++ & MASK];
        return enforcer.enforce(t.casbinSubject(), t.casbinDomain(), t.casbinObject(), t.permission());
    }
}
