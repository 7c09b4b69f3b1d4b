package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.Approvers;
import dev.gatehouse.core.approvals.Decision;
import dev.gatehouse.core.approvals.Policy;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.RequestedAccess;
import dev.gatehouse.core.approvals.Stage;
import dev.gatehouse.core.approvals.Workflow;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.Role;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link AccessRequests}, {@link AccessPolicies} and {@link Workflows} implementation shows. */
public abstract class ApprovalStoresContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000021"));
    static final OrganizationId GLOBEX = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000022"));
    static final UserId ADA = new UserId(UUID.fromString("0190b5a0-0000-7000-8000-000000000031"));
    static final UserId BOB = new UserId(UUID.fromString("0190b5a0-0000-7000-8000-000000000032"));

    /** Empty stores of one backend, and its transactions. */
    protected abstract AccessRequests requests();

    protected abstract AccessPolicies policies();

    protected abstract Workflows workflows();

    protected abstract Transactions transactions();

    private AccessRequests requests;
    private AccessPolicies policies;
    private Workflows workflows;

    @BeforeEach
    void fresh() {
        requests = requests();
        policies = policies();
        workflows = workflows();
    }

    private static Instant t(long s) {
        return at(s).truncatedTo(ChronoUnit.MICROS);
    }

    static List<Stage> stages() {
        return List.of(new Stage("peers", new Approvers(List.of(ADA, BOB), null, null), 1, true),
                new Stage("managers", new Approvers(List.of(), Role.ADMIN, "access_requests_approve"), 2, false));
    }

    private Workflow workflow(OrganizationId org, String name, long s) {
        return new Workflow(new WorkflowId(idAt(t(s))), org, name, "desc", stages(), t(s), t(s));
    }

    private Policy policy(OrganizationId org, String name, WorkflowId wf, long s) {
        return new Policy(new PolicyId(idAt(t(s))), org, name, "environment", EnvironmentKind.PRODUCTION, "admin", null, wf,
                Duration.ofMinutes(90), true, Duration.ofHours(24), false, t(s), t(s));
    }

    private AccessRequest request(OrganizationId org, UserId who, String resourceId, RequestedAccess access, long s) {
        return new AccessRequest(new AccessRequestId(idAt(t(s))), org, who, new ObjectRef("project", resourceId), null,
                access, Duration.ofMinutes(60), "why", new PolicyId(idAt(t(s))), new WorkflowId(idAt(t(s))), stages(),
                List.of(), new RequestState.Pending(0, t(s).plus(Duration.ofHours(24))), t(s), t(s));
    }

    /** The request as a store holds it in {@code state} (stores round-trip any state; transitions are the domain's). */
    private static AccessRequest stored(AccessRequest r, RequestState state, java.time.Instant at) {
        return new AccessRequest(r.id(), r.organizationId(), r.requester(), r.resource(), r.environmentKind(), r.access(),
                r.duration(), r.reason(), r.policyId(), r.workflowId(), r.stages(), r.decisions(), state, r.createdAt(), at);
    }

    /** The request with one more decision, as a store holds it. */
    private static AccessRequest decided(AccessRequest r, Decision d) {
        List<Decision> all = new ArrayList<>(r.decisions());
        all.add(d);
        return new AccessRequest(r.id(), r.organizationId(), r.requester(), r.resource(), r.environmentKind(), r.access(),
                r.duration(), r.reason(), r.policyId(), r.workflowId(), r.stages(), all, r.state(), r.createdAt(), d.decidedAt());
    }

    @Test
    void workflowsRoundTripUpdateListAndRemove() {
        Workflow w = workflow(ACME, "b", 1);
        workflows.add(w);
        workflows.add(workflow(ACME, "a", 2));
        workflows.add(workflow(GLOBEX, "c", 3));
        assertThat(workflows.byId(w.id())).contains(w);
        Workflow renamed = new Workflow(w.id(), ACME, "renamed", null, List.of(stages().get(1)), w.createdAt(), t(5));
        workflows.update(renamed);
        assertThat(workflows.byId(w.id())).contains(renamed);
        assertThat(workflows.list(ACME, ListQuery.firstPage()).items()).extracting(Workflow::name).containsExactly("renamed", "a");
        assertThat(workflows.list(ACME, ListQuery.firstPage()).total()).isEqualTo(2);
        workflows.remove(w.id());
        assertThat(workflows.byId(w.id())).isEmpty();
    }

    @Test
    void policiesRoundTripAndKnowTheirWorkflow() {
        Workflow w = workflow(ACME, "w", 1);
        workflows.add(w);
        Policy p = policy(ACME, "prod admins", w.id(), 2);
        policies.add(p);
        Policy auto = new Policy(new PolicyId(idAt(t(3))), ACME, "dev", null, null, null, "projects:write", null,
                Duration.ofMinutes(30), false, Duration.ofMinutes(10), true, t(3), t(3));
        policies.add(auto);
        policies.add(policy(GLOBEX, "other", null, 4));
        assertThat(policies.byId(p.id())).contains(p);
        assertThat(policies.byId(auto.id())).contains(auto);
        assertThat(policies.ofOrganization(ACME)).containsExactlyInAnyOrder(p, auto);
        assertThat(policies.usesWorkflow(w.id())).isTrue();
        assertThat(policies.list(ACME, ListQuery.firstPage()).items()).containsExactly(p, auto);
        Policy changed = new Policy(p.id(), ACME, "renamed", null, null, null, null, null, Duration.ofMinutes(5), false,
                Duration.ofMinutes(5), true, p.createdAt(), t(9));
        policies.update(changed);
        assertThat(policies.byId(p.id())).contains(changed);
        assertThat(policies.usesWorkflow(w.id())).isFalse();
        policies.remove(p.id());
        assertThat(policies.byId(p.id())).isEmpty();
    }

    @Test
    void requestsRoundTripWithStateAndDecisions() {
        AccessRequest r = request(ACME, ADA, "prj_a", RequestedAccess.role("admin"), 1);
        requests.add(r);
        assertThat(requests.byId(r.id())).contains(r);
        AccessRequest voted = stored(decided(r, new Decision(0, BOB, Decision.Verdict.APPROVED, "fine", t(2))),
                new RequestState.Pending(1, t(1).plus(Duration.ofHours(24))), t(2));
        requests.update(voted);
        assertThat(requests.byId(r.id())).contains(voted);
        for (RequestState s : List.of(new RequestState.Approved(t(3), t(4), null, null, false),
                new RequestState.Approved(t(3), t(4), t(5), "usr_x", true), new RequestState.Rejected(t(3), BOB),
                new RequestState.Cancelled(t(3)), new RequestState.Expired(t(3)))) {
            AccessRequest next = stored(voted, s, t(6));
            requests.update(next);
            assertThat(transactions().inTransaction(() -> requests.lockById(r.id()))).contains(next);
        }
        AccessRequest perm = request(ACME, BOB, "prj_b", RequestedAccess.permission("projects:write"), 2);
        requests.add(perm);
        assertThat(requests.byId(perm.id())).contains(perm);
    }

    @Test
    void listsFilterAndDueFindsOverdueAndEndedGrants() {
        AccessRequest a = request(ACME, ADA, "prj_a", RequestedAccess.role("admin"), 1);
        AccessRequest b = request(ACME, BOB, "prj_b", RequestedAccess.role("viewer"), 2);
        AccessRequest c = request(GLOBEX, BOB, "prj_c", RequestedAccess.role("viewer"), 3);
        requests.add(a);
        requests.add(b);
        requests.add(c);
        AccessRequest approved = stored(b, new RequestState.Approved(t(4), t(100), null, null, false), t(4));
        requests.update(approved);
        assertThat(requests.list(ACME, AccessRequests.Filter.none(), ListQuery.firstPage()).items())
                .extracting(AccessRequest::id).containsExactly(b.id(), a.id());
        assertThat(requests.list(ACME, new AccessRequests.Filter(ADA, null, null), ListQuery.firstPage()).items()).containsExactly(a);
        assertThat(requests.list(ACME, new AccessRequests.Filter(null, "project", "prj_b"), ListQuery.firstPage()).items())
                .containsExactly(approved);
        var pending = new ListQuery(ListQuery.firstPage().page(), null, null, null, null, null, "pending");
        assertThat(requests.list(ACME, AccessRequests.Filter.none(), pending).items()).containsExactly(a);

        assertThat(requests.due(t(50), 10)).isEmpty();
        assertThat(requests.due(t(1).plus(Duration.ofHours(24)), 10)).extracting(AccessRequest::id)
                .containsExactlyInAnyOrder(a.id(), b.id()); // b's grant ended at t(100)
        assertThat(requests.due(t(100), 10)).extracting(AccessRequest::id).containsExactly(b.id());
        requests.update(stored(approved, new RequestState.Approved(t(4), t(100), null, null, true), t(100)));
        assertThat(requests.due(t(100), 10)).isEmpty();

        assertThat(requests.hasOpen(ADA, "project", "prj_a", RequestedAccess.role("admin"), t(5))).isTrue();
        assertThat(requests.hasOpen(ADA, "project", "prj_a", RequestedAccess.role("viewer"), t(5))).isFalse();
        assertThat(requests.hasOpen(BOB, "project", "prj_b", RequestedAccess.role("viewer"), t(5))).isTrue();
        assertThat(requests.hasOpen(BOB, "project", "prj_b", RequestedAccess.role("viewer"), t(100))).isFalse();
    }

    @Test
    void theRowLockSerializesReadModifyWrite() throws Exception {
        AccessRequest r = request(ACME, ADA, "prj_a", RequestedAccess.role("admin"), 1);
        requests.add(r);
        int voters = 6;
        Race.run(voters, voters, i -> {
            UserId voter = new UserId(UUID.randomUUID());
            return () -> transactions().inTransaction(() -> {
                AccessRequest current = requests.lockById(r.id()).orElseThrow();
                requests.update(decided(current, new Decision(0, voter, Decision.Verdict.APPROVED, null, t(2))));
                return null;
            });
        });
        assertThat(requests.byId(r.id()).orElseThrow().decisions()).hasSize(voters); // no lost update
    }
}
