package dev.gatehouse.core.approvals;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Access requests over the memory stores: policies, stages, the rules, grants, expiry and races. */
class AccessRequestsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Gatehouse g;
    private final Caller owner = user();
    private final Caller admin = user();
    private final Caller peer1 = user();
    private final Caller peer2 = user();
    private final Caller requester = user();
    private final Caller outsider = user();
    private OrganizationId org;
    private Project project;
    private Environment production;
    private Environment development;

    private static Caller user() {
        return new Caller(new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", false), Origin.none());
    }

    private static String id(Caller c) {
        return ((Principal.User) c.principal()).userId().text();
    }

    private static SubjectRef subject(Caller c) {
        return SubjectRef.of("user", id(c));
    }

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
        org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
        grant("admin", admin);
        grant("member", peer1);
        grant("member", peer2);
        grant("member", requester);
        g.tenancy().createOrganization().handle(new CreateOrganization.Command(outsider, "Globex", null, null, null)).value();
        var created = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null)).value();
        project = created.project();
        production = created.environments().stream().filter(e -> e.name().equals("production")).findFirst().orElseThrow();
        development = created.environments().stream().filter(e -> e.name().equals("development")).findFirst().orElseThrow();
    }

    /** Whatever a test made the code deliver, the event-type catalog lists. */
    @org.junit.jupiter.api.AfterEach
    void everyDeliveredEventIsInTheCatalog() {
        var catalog = dev.gatehouse.core.webhooks.EventTypes.all().stream().map(dev.gatehouse.core.webhooks.EventTypes.EventType::type)
                .toList();
        assertThat(g.stores().platform().eventOutbox().after(null, 100_000)).allSatisfy(e -> assertThat(catalog).contains(e.type()));
    }

    private void grant(String role, Caller who) {
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.touch(
                Relationship.of(new ObjectRef("organization", org.text()), role, subject(who)))));
        assertThat(written.isOk()).isTrue();
    }

    private static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private Workflow workflow(ManageWorkflows.StageInput... stages) {
        return ok(g.approvals().workflows().create(owner, org, new ManageWorkflows.Input("wf", null, List.of(stages))));
    }

    private static ManageWorkflows.StageInput users(int n, Caller... who) {
        return new ManageWorkflows.StageInput("peers", java.util.Arrays.stream(who).map(AccessRequestsTest::id).toList(),
                null, null, n, null);
    }

    private static ManageWorkflows.StageInput managers() {
        return new ManageWorkflows.StageInput("managers", null, null, "access_requests_approve", 1, null);
    }

    private Policy policy(String type, String kind, String role, Workflow w, boolean auto) {
        return ok(g.approvals().policies().create(owner, org, new ManagePolicies.Input("p", type, kind, role, null,
                w == null ? null : w.id().text(), 120, false, null, auto)));
    }

    private Result<AccessRequestView> submit(Caller who, String type, String resource, String role, String permission) {
        return g.approvals().submit().handle(new SubmitAccessRequest.Command(who, type, resource, role, permission, 60,
                "incident 42", null));
    }

    private Result<AccessRequestView> vote(Caller who, AccessRequestId id, boolean approve) {
        return g.approvals().decide().handle(new DecideAccessRequest.Command(who, id,
                approve ? Decision.Verdict.APPROVED : Decision.Verdict.REJECTED, "ok", null));
    }

    private boolean holds(Caller who, ObjectRef resource, String permission) {
        return g.platform().authorizer().check(resource, permission, subject(who)).value() == Permissionship.HAS_PERMISSION;
    }

    private List<String> events(String type) {
        return g.stores().platform().eventOutbox().after(null, 10_000).stream().map(DomainEvent::type).filter(type::equals).toList();
    }

    private ObjectRef projectRef() {
        return new ObjectRef("project", project.id().text());
    }

    @Test
    void withoutAMatchingPolicyARequestCannotBeMade() {
        var r = submit(requester, "project", project.id().text(), "admin", null);
        assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
        assertThat(r.failure().message()).contains("No approval policy");
    }

    @Test
    void theMostSpecificPolicyWins() {
        Workflow w = workflow(users(1, peer1));
        policy(null, null, null, w, false);                      // anything: needs approval
        policy("environment", "development", "admin", null, true); // development admin: automatic
        var dev = ok(submit(requester, "environment", development.id().text(), "admin", null));
        assertThat(dev.request().state()).isInstanceOf(RequestState.Approved.class);
        var prod = ok(submit(requester, "environment", production.id().text(), "admin", null));
        assertThat(prod.request().state()).isInstanceOf(RequestState.Pending.class);
        assertThat(prod.eligibleApprovers()).containsExactly(id(peer1));
    }

    @Test
    void theOwnerRoleAndUnknownPermissionsCannotBeRequested() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        assertThat(submit(requester, "project", project.id().text(), "owner", null).failure().fieldErrors()).containsKey("role");
        assertThat(submit(requester, "project", project.id().text(), null, "nope:x").failure().fieldErrors()).containsKey("permission");
    }

    @Test
    void twoStagesPassInOrderAndTheGrantEndsByItself() {
        policy("project", null, null, workflow(users(1, peer1, peer2), managers()), false);
        ObjectRef ref = projectRef();
        assertThat(holds(requester, ref, "projects_write")).isFalse();
        AccessRequestView v = ok(submit(requester, "project", project.id().text(), "admin", null));
        AccessRequestId rid = v.request().id();
        assertThat(v.eligibleApprovers()).containsExactlyInAnyOrder(id(peer1), id(peer2));

        // the manager cannot act for stage one; the requester never approves
        assertThat(vote(admin, rid, true).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(vote(requester, rid, true).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        v = ok(vote(peer1, rid, true));
        assertThat(((RequestState.Pending) v.request().state()).stage()).isEqualTo(1);
        assertThat(v.eligibleApprovers()).containsExactlyInAnyOrder(id(admin), id(owner));
        assertThat(holds(requester, ref, "projects_write")).isFalse();
        var passed = g.stores().platform().eventOutbox().after(null, 10_000).stream().filter(e -> e.type().equals("access_request.stage_passed")).toList();
        assertThat(passed).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("next_stage", 2)
                .containsEntry("next_stage_name", "managers").containsEntry("status", "pending"));
        assertThat(vote(peer2, rid, true).failure().reason()).isEqualTo(Reason.FORBIDDEN); // not a manager

        v = ok(vote(admin, rid, true));
        assertThat(v.request().state()).isInstanceOf(RequestState.Approved.class);
        assertThat(v.request().decisions()).hasSize(2);
        assertThat(holds(requester, ref, "projects_write")).isTrue();
        assertThat(events("access_request.approved")).hasSize(1);

        // a vote on a decided request names its state
        var late = vote(owner, rid, true);
        assertThat(late.failure().reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(late.failure().details()).containsEntry("current_state", "approved");

        clock.advance(Duration.ofMinutes(60));
        assertThat(holds(requester, ref, "projects_write")).isFalse();
        assertThat(g.approvals().settle().run(100)).isEqualTo(1);
        assertThat(g.approvals().settle().run(100)).isZero();
        assertThat(events("access_grant.expired")).hasSize(1);
    }

    @Test
    void aPermissionGrantUsesAPerRequestRoleBinding() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        ObjectRef env = new ObjectRef("environment", production.id().text());
        var v = ok(submit(requester, "environment", production.id().text(), null, "api-keys:write"));
        assertThat(holds(requester, env, "api_keys_write")).isFalse();
        ok(vote(peer1, v.request().id(), true));
        assertThat(holds(requester, env, "api_keys_write")).isTrue();
        assertThat(holds(requester, env, "projects_write")).isFalse();
        // early revocation by an approver with access_requests_approve
        var revoked = ok(g.approvals().revoke().handle(new RevokeAccessGrant.Command(admin, v.request().id(), "done")));
        assertThat(((RequestState.Approved) revoked.request().state()).grantStatus(clock.instant())).isEqualTo("revoked");
        assertThat(holds(requester, env, "api_keys_write")).isFalse();
        assertThat(events("access_grant.revoked")).hasSize(1);
        assertThat(g.approvals().revoke().handle(new RevokeAccessGrant.Command(admin, v.request().id(), null))
                .failure().reason()).isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void removingTheMemberEndsTheirActiveGrants() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        ObjectRef env = new ObjectRef("environment", production.id().text());
        var v = ok(submit(requester, "environment", production.id().text(), null, "api-keys:write"));
        ok(vote(peer1, v.request().id(), true));
        assertThat(holds(requester, env, "api_keys_write")).isTrue();
        var pending = ok(submit(requester, "environment", production.id().text(), null, "projects:write"));
        var p = g.platform();
        var requests = g.stores().approvals().accessRequests();
        var cleanup = new AccessGrantCleanup(requests, g.stores().tenancy().environments(), new AccessGrants(p.authorizer()),
                new dev.gatehouse.core.events.Announcer(g.audit().auditor(), g.events()), p.clock());
        var membership = new dev.gatehouse.core.tenancy.Membership(new dev.gatehouse.core.shared.MembershipId(UUID.randomUUID()),
                org, ((Principal.User) requester.principal()).userId(), dev.gatehouse.core.tenancy.Role.MEMBER,
                clock.instant(), clock.instant());
        p.transactions().inTransaction(() -> {
            cleanup.end(new dev.gatehouse.core.lifecycle.Ending(owner,
                    new dev.gatehouse.core.lifecycle.Scope.Member(membership.organizationId(), membership.userId()),
                    dev.gatehouse.core.lifecycle.Cause.MEMBER_REMOVED, clock.instant()));
            return null;
        });
        assertThat(holds(requester, env, "api_keys_write")).isFalse();
        var stored = requests.byId(v.request().id()).orElseThrow();
        assertThat(((RequestState.Approved) stored.state()).grantStatus(clock.instant())).isEqualTo("revoked");
        assertThat(events("access_grant.revoked")).hasSize(1);
        assertThat(requests.byId(pending.request().id()).orElseThrow().state())
                .isInstanceOf(RequestState.Cancelled.class);
        assertThat(vote(peer1, pending.request().id(), true).failure().reason()).isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void oneVotePerApproverPerStageAndRejectionEndsTheRequest() {
        policy(null, null, null, workflow(users(2, peer1, peer2)), false);
        var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
        ok(vote(peer1, id, true));
        assertThat(vote(peer1, id, true).failure().reason()).isEqualTo(Reason.CONFLICT);
        var rejected = ok(vote(peer2, id, false));
        assertThat(rejected.request().state()).isInstanceOf(RequestState.Rejected.class);
        assertThat(events("access_request.rejected")).hasSize(1);
        var votes = g.stores().platform().auditLog().find(new dev.gatehouse.core.audit.AuditQuery(org, null, "access_request.vote", null,
                null, null, null), null, 100).items();
        assertThat(votes).hasSize(2);
        assertThat(votes).extracting(e -> e.changes().get("decision")).containsExactlyInAnyOrder("approved", "rejected");
        assertThat(votes).extracting(e -> e.changes().get("reason")).contains("ok");
    }

    @Test
    void anApproverNamedInTheStageSeesAndApprovesWithoutARoleInTheOrganization() {
        policy(null, null, null, workflow(users(1, outsider)), false);
        var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
        assertThat(ok(g.approvals().get().handle(outsider, id)).eligibleApprovers()).containsExactly(id(outsider));
        assertThat(ok(vote(outsider, id, true)).request().state()).isInstanceOf(RequestState.Approved.class);
        // once decided, only organization members and the requester see it
        assertThat(g.approvals().get().handle(outsider, id).failure().reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void onlyTheRequesterCancelsAndAnActorIdMustBeTheCaller() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
        assertThat(g.approvals().cancel().handle(new CancelAccessRequest.Command(peer1, id, null)).failure().reason())
                .isEqualTo(Reason.FORBIDDEN);
        assertThat(g.approvals().cancel().handle(new CancelAccessRequest.Command(outsider, id, null)).failure().reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(g.approvals().decide().handle(new DecideAccessRequest.Command(peer1, id, Decision.Verdict.APPROVED,
                null, id(peer2))).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        ok(g.approvals().cancel().handle(new CancelAccessRequest.Command(requester, id, id(requester))));
        var after = vote(peer1, id, true);
        assertThat(after.failure().details()).containsEntry("current_state", "cancelled");
    }

    @Test
    void votesOnAnExpiredRequestAreRefusedAndItIsMarkedExpired() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
        clock.advance(Policy.DEFAULT_PENDING_TTL);
        var refused = vote(peer1, id, true);
        assertThat(refused.failure().reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(refused.failure().details()).containsEntry("current_state", "expired");
        assertThat(g.stores().approvals().accessRequests().byId(id).orElseThrow().state()).isInstanceOf(RequestState.Expired.class);
        assertThat(g.approvals().settle().run(100)).isZero();
        assertThat(events("access_request.expired")).hasSize(1);
    }

    @Test
    void twoApproversAtTheThresholdMakeOneTransitionAndOneGrant() throws Exception {
        policy(null, null, null, workflow(users(1, peer1, peer2)), false);
        for (int round = 0; round < 10; round++) {
            var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
            List<Result<AccessRequestView>> results = Race.all(() -> vote(peer1, id, true), () -> vote(peer2, id, true));
            assertThat(results.stream().filter(Result::isOk).count()).isEqualTo(1);
            assertThat(results.stream().filter(r -> !r.isOk()).map(r -> r.failure().reason()))
                    .containsExactly(Reason.INVALID_STATE);
            assertThat(g.stores().approvals().accessRequests().byId(id).orElseThrow().decisions()).hasSize(1);
            ok(g.approvals().revoke().handle(new RevokeAccessGrant.Command(requester, id, null)));
        }
        assertThat(events("access_request.approved")).hasSize(10);
    }

    @Test
    void anApprovalRacingACancellationHasOneWinner() throws Exception {
        policy(null, null, null, workflow(users(1, peer1)), false);
        for (int round = 0; round < 10; round++) {
            var id = ok(submit(requester, "project", project.id().text(), "viewer", null)).request().id();
            List<Result<AccessRequestView>> results = Race.all(() -> vote(peer1, id, true),
                    () -> g.approvals().cancel().handle(new CancelAccessRequest.Command(requester, id, null)));
            assertThat(results.stream().filter(Result::isOk).count()).isEqualTo(1);
            var state = g.stores().approvals().accessRequests().byId(id).orElseThrow().state();
            assertThat(holds(requester, projectRef(), "projects_read")).isTrue(); // members read anyway
            if (state instanceof RequestState.Approved) {
                ok(g.approvals().revoke().handle(new RevokeAccessGrant.Command(requester, id, null)));
            } else {
                assertThat(state).isInstanceOf(RequestState.Cancelled.class);
            }
        }
        assertThat(events("access_request.approved").size() + events("access_request.cancelled").size()).isEqualTo(10);
    }

    @Test
    void listsFilterByRequesterStatusAndResource() {
        policy(null, null, null, workflow(users(1, peer1)), false);
        ok(submit(requester, "project", project.id().text(), "viewer", null));
        ok(submit(peer2, "environment", production.id().text(), "admin", null));
        var mine = ok(g.approvals().list().handle(new ListAccessRequests.Command(admin, org, id(requester), null, null,
                ListQuery.firstPage())));
        assertThat(mine.items()).hasSize(1);
        var envs = ok(g.approvals().list().handle(new ListAccessRequests.Command(admin, org, null, "environment", null,
                ListQuery.firstPage())));
        assertThat(envs.items()).hasSize(1);
        assertThat(g.approvals().list().handle(new ListAccessRequests.Command(outsider, org, null, null, null,
                ListQuery.firstPage())).failure().reason()).isEqualTo(Reason.NOT_FOUND);
    }
}
