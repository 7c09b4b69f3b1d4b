package dev.gatehouse.core.approvals;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The approval services alone, over the local evaluator of the product schema: no use case, no request store. */
class ApprovalServicesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final OrganizationId org = new OrganizationId(UUID.randomUUID());
    private final ObjectRef orgRef = new ObjectRef("organization", org.text());
    private final ObjectRef project = new ObjectRef("project", "prj_web");
    private final UserId owner = user();
    private final UserId admin = user();
    private final UserId member = user();
    private final UserId named = user();
    private final UserId requester = user();
    private LocalAuthorizer authorizer;
    private ApproverDirectory directory;

    private static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    private static SubjectRef subject(UserId u) {
        return SubjectRef.of("user", u.text());
    }

    private static Caller caller(UserId u) {
        return new Caller(new Principal.User(u, "u@example.com", false), Origin.none());
    }

    @BeforeEach
    void setUp() {
        MemoryTransactions tx = new MemoryTransactions();
        authorizer = LocalAuthorizer.create(Schema.parse(PermissionCatalog.productSchema()).value(),
                new MemoryRelationships(tx), tx, clock).value();
        write(Relationship.of(project, "organization", SubjectRef.of(orgRef)),
                Relationship.of(orgRef, "owner", subject(owner)),
                Relationship.of(orgRef, "admin", subject(admin)),
                Relationship.of(orgRef, "member", subject(member)),
                Relationship.of(orgRef, "member", subject(requester)));
        directory = new ApproverDirectory(authorizer);
    }

    private void write(Relationship... rels) {
        assertThat(authorizer.write(Arrays.stream(rels).map(RelationshipUpdate::touch).toList()).isOk()).isTrue();
    }

    private AccessRequest request(RequestedAccess access, Stage... stages) {
        return new AccessRequest(new AccessRequestId(UUID.randomUUID()), org, requester, project, null, access,
                Duration.ofMinutes(60), null, new PolicyId(UUID.randomUUID()), new WorkflowId(UUID.randomUUID()),
                List.of(stages), List.of(), new RequestState.Pending(0, clock.instant().plus(Duration.ofHours(1))),
                clock.instant(), clock.instant());
    }

    private static Stage stage(List<UserId> users, Role role, String permission) {
        return new Stage("s", new Approvers(users, role, permission), 1, true);
    }

    @Test
    void approversAreTheNamedUsersTheRoleOrStrongerAndThePermissionHoldersButNeverTheRequester() {
        var byRole = request(RequestedAccess.role("admin"), stage(List.of(named, requester), Role.ADMIN, null));
        assertThat(directory.of(byRole, 0).value()).containsExactlyInAnyOrderElementsOf(
                List.of(named.text(), admin.text(), owner.text())).isSorted();
        var byPermission = request(RequestedAccess.role("admin"), stage(List.of(), null, "access_requests_approve"));
        assertThat(directory.of(byPermission, 0).value()).contains(owner.text(), admin.text())
                .doesNotContain(requester.text(), named.text());
    }

    @Test
    void eligibleApproversAreThoseOfTheCurrentStageWhoHaveNotVoted() {
        // a stage where a rejection is only recorded, so the request stays in it
        var r = request(RequestedAccess.role("admin"), new Stage("s", new Approvers(List.of(named, member), null, null), 1, false));
        var voted = r.vote(named, Decision.Verdict.REJECTED, null, directory, clock.instant()).value().request();
        assertThat(directory.eligible(voted).value()).containsExactly(member.text());
        assertThat(directory.view(voted).value().eligibleApprovers()).containsExactly(member.text());
        var cancelled = r.cancel(requester, clock.instant()).value();
        assertThat(directory.eligible(cancelled).value()).isEmpty();
    }

    @Test
    void visibilityCoversRequesterReadersAndCurrentApproversOnly() {
        var outsider = user();
        var r = request(RequestedAccess.role("admin"), stage(List.of(outsider), null, null));
        var visibility = new RequestVisibility(authorizer, directory);
        assertThat(visibility.visible(caller(requester), r).value()).isTrue();
        assertThat(visibility.visible(caller(member), r).value()).as("members read the organization's requests").isTrue();
        assertThat(visibility.visible(caller(outsider), r).value()).as("a named approver of the stage").isTrue();
        assertThat(visibility.visible(caller(user()), r).value()).isFalse();
        var done = r.cancel(requester, clock.instant()).value();
        assertThat(visibility.visible(caller(outsider), done).value()).as("only while the stage waits").isFalse();
        var apiKey = new Caller(new Principal.ApiKey(new dev.gatehouse.core.shared.ApiKeyId(UUID.randomUUID()),
                new OrganizationId(UUID.randomUUID()), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Set.of("access_requests:read")), Origin.none());
        assertThat(visibility.visible(apiKey, r).value()).as("a key of another organization").isFalse();
    }

    @Test
    void aPermissionGrantIsAPerRequestRoleAndBindingThatTheRequesterHoldsUntilWithdrawn() {
        var r = request(RequestedAccess.permission("projects:write"), stage(List.of(named), null, null));
        var grants = new AccessGrants(authorizer);
        Instant until = clock.instant().plus(Duration.ofMinutes(60));
        assertThat(AccessGrants.relationshipsOf(r, until)).hasSize(4);
        assertThat(authorizer.check(project, "projects_write", subject(requester)).value()).isNotEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(grants.write(r, until).isOk()).isTrue();
        assertThat(authorizer.check(project, "projects_write", subject(requester)).value()).isEqualTo(Permissionship.HAS_PERMISSION);
        assertThat(grants.withdraw(r, until).isOk()).isTrue();
        assertThat(authorizer.check(project, "projects_write", subject(requester)).value()).isNotEqualTo(Permissionship.HAS_PERMISSION);
    }

    @Test
    void aRoleGrantIsOneExpiringRelation() {
        var r = request(RequestedAccess.role("admin"), stage(List.of(named), null, null));
        Instant until = clock.instant().plus(Duration.ofMinutes(60));
        assertThat(AccessGrants.relationshipsOf(r, until))
                .containsExactly(Relationship.expiring(project, "admin", subject(requester), until));
    }
}
