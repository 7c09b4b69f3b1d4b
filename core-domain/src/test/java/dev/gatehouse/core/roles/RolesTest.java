package dev.gatehouse.core.roles;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.AddMember;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.Role;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles use cases on memory stores: custom roles, assignments, escalation, tenancy, audit and events. */
class RolesTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Gatehouse g;
    private Caller owner;
    private Caller admin;
    private Caller member;
    private Caller viewer;
    private Caller outsider;
    private OrganizationId org;
    private OrganizationId otherOrg;
    private Project web;
    private Project api;

    private Caller user(String name) {
        var u = g.identity().createUser().handle(new CreateUser.Command(Caller.system("test"), name + SEQ.incrementAndGet() + "@example.com",
                "correct horse battery staple", name, false)).value();
        return new Caller(new Principal.User(u.id(), u.email().value(), false), new Origin("203.0.113.1", "junit", "req", null, null));
    }

    private static String id(Caller c) {
        return ((Principal.User) c.principal()).userId().text();
    }

    private static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private static void fails(Result<?> r, Reason reason) {
        assertThat(r.isOk()).as("expected %s", reason).isFalse();
        assertThat(r.failure().reason()).as(r.failure().toString()).isEqualTo(reason);
    }

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
        owner = user("owner");
        admin = user("admin");
        member = user("member");
        viewer = user("viewer");
        outsider = user("outsider");
        org = ok(g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null))).id();
        otherOrg = ok(g.tenancy().createOrganization().handle(new CreateOrganization.Command(outsider, "Globex", null, null, null))).id();
        ok(g.tenancy().addMember().handle(new AddMember.Command(owner, org, id(admin), null, "admin")));
        ok(g.tenancy().addMember().handle(new AddMember.Command(owner, org, id(member), null, "member")));
        ok(g.tenancy().addMember().handle(new AddMember.Command(owner, org, id(viewer), null, "viewer")));
        web = ok(g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null))).project();
        api = ok(g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Api", null, null))).project();
    }

    private Result<RoleDefinition> create(Caller who, String name, List<String> permissions) {
        return g.roles().createRole().handle(new CreateRole.Command(who, org, name, "desc", permissions));
    }

    private Result<RoleAssignment> assign(Caller who, String role, Caller to, String type, String resource) {
        return g.roles().assignRole().handle(new AssignRole.Command(who, role, id(to), type, resource, null));
    }

    private boolean can(Caller who, ObjectRef resource, String permission) {
        return g.platform().authorizer().check(resource, permission, SubjectRef.of("user", id(who))).value()
                == Permissionship.HAS_PERMISSION;
    }

    private static ObjectRef project(Project p) {
        return new ObjectRef("project", p.id().text());
    }

    @Test
    void aCustomRoleMirrorsItsPermissionsAsWildcardRelationships() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write", "projects:read")));
        assertThat(role.id()).startsWith("role_");
        assertThat(role.scopes()).containsExactly("projects:read", "projects:write");
        assertThat(role.builtIn()).isFalse();
        var rels = g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("role", role.id())));
        assertThat(rels.toString()).contains("role:" + role.id() + "#projects_write@user:*")
                .contains("role:" + role.id() + "#projects_write@api_key:*")
                .contains("role:" + role.id() + "#projects_read@user:*");
    }

    @Test
    void namesAreUniquePerOrganizationIgnoringCaseAndScopesMustBeKnown() {
        ok(create(admin, "Deployer", List.of("projects:read")));
        fails(create(admin, "deployer", List.of("projects:read")), Reason.CONFLICT);
        ok(g.roles().createRole().handle(new CreateRole.Command(outsider, otherOrg, "Deployer", null, List.of("projects:read"))));
        var unknown = create(admin, "X", List.of("projects:read", "projects:fly"));
        fails(unknown, Reason.VALIDATION);
        assertThat(unknown.failure().fieldErrors().get("permissions").get(0)).contains("projects:fly");
        fails(create(admin, "Admin", List.of("projects:read")), Reason.VALIDATION);
        fails(create(admin, "Empty", List.of()), Reason.VALIDATION);
    }

    @Test
    void readingNeedsRolesReadAndWritingRolesWrite() {
        fails(create(member, "Deployer", List.of("projects:read")), Reason.FORBIDDEN);
        fails(create(outsider, "Deployer", List.of("projects:read")), Reason.NOT_FOUND);
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:read")));
        assertThat(ok(g.roles().getRole().handle(viewer, role.id())).name()).isEqualTo("Deployer");
        fails(g.roles().getRole().handle(outsider, role.id()), Reason.NOT_FOUND);
        var page = ok(g.roles().listRoles().handle(new ListRoles.Command(viewer, org, ListQuery.firstPage())));
        assertThat(page.items()).extracting(RoleDefinition::id).containsExactly("owner", "admin", "member", "viewer", role.id());
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items().get(3).scopes()).contains("projects:read").doesNotContain("projects:write");
        fails(g.roles().listRoles().handle(new ListRoles.Command(outsider, org, ListQuery.firstPage())), Reason.NOT_FOUND);
        var second = ok(g.roles().listRoles().handle(new ListRoles.Command(viewer, org, ListQuery.of(new PageRequest(2, 3, List.of())))));
        assertThat(second.items()).extracting(RoleDefinition::id).containsExactly("viewer", role.id());
        fails(g.roles().setRolePermissions().handle(new SetRolePermissions.Command(viewer, role.id(), List.of("audit:read"))),
                Reason.FORBIDDEN);
        fails(g.roles().deleteRole().handle(outsider, role.id()), Reason.NOT_FOUND);
    }

    @Test
    void builtInRolesAreListedAndReadOnly() {
        RoleDefinition adminRole = ok(g.roles().getRole().handle(viewer, "admin"));
        assertThat(adminRole.builtIn()).isTrue();
        assertThat(adminRole.scopes()).contains("projects:write").doesNotContain("owners:write");
        fails(g.roles().setRolePermissions().handle(new SetRolePermissions.Command(owner, "admin", List.of("audit:read"))), Reason.CONFLICT);
        fails(g.roles().deleteRole().handle(owner, "owner"), Reason.CONFLICT);
        assertThat(BuiltInRoles.permissionsAt("project", Role.ADMIN)).contains("projects_write").doesNotContain("organizations_write");
        assertThat(BuiltInRoles.permissionsAt("project", Role.VIEWER)).contains("projects_read").doesNotContain("projects_write");
        assertThat(BuiltInRoles.permissionsAt("environment", Role.MEMBER)).contains("api_keys_write", "usage_write");
    }

    @Test
    void aRoleCannotBeDefinedStrongerThanItsAuthor() {
        var denied = create(admin, "Owners", List.of("owners:write"));
        fails(denied, Reason.FORBIDDEN);
        assertThat(denied.failure().details()).containsEntry("required_scope", "owners:write");
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:read")));
        var widened = g.roles().setRolePermissions().handle(new SetRolePermissions.Command(admin, role.id(), List.of("plan:write")));
        fails(widened, Reason.FORBIDDEN);
        assertThat(widened.failure().details()).containsEntry("required_scope", "plan:write");
    }

    @Test
    void aCustomRoleOnOneProjectGrantsThereOnlyUntilUnassigned() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        assertThat(can(member, project(web), "projects_write")).isFalse();
        RoleAssignment a = ok(assign(admin, role.id(), member, "project", web.id().text()));
        assertThat(a.id().text()).startsWith("ra_");
        assertThat(can(member, project(web), "projects_write")).isTrue();
        assertThat(can(member, project(api), "projects_write")).isFalse();
        ok(g.roles().unassignRole().handle(admin, a.id()));
        assertThat(can(member, project(web), "projects_write")).isFalse();
        fails(g.roles().unassignRole().handle(admin, a.id()), Reason.NOT_FOUND);
    }

    @Test
    void replacingPermissionsChangesWhatHoldersMayDo() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        ok(assign(admin, role.id(), member, "project", web.id().text()));
        var updated = ok(g.roles().setRolePermissions().handle(new SetRolePermissions.Command(admin, role.id(),
                List.of("projects:delete", "environments:write"))));
        assertThat(updated.scopes()).containsExactly("projects:delete", "environments:write");
        assertThat(can(member, project(web), "projects_write")).isFalse();
        assertThat(can(member, project(web), "projects_delete")).isTrue();
        assertThat(can(member, project(web), "environments_write")).isTrue();
        assertThat(g.stores().platform().auditLog().find(AuditQuery.all(), null, 100).toString()).contains("role.updated");
    }

    @Test
    void deletingARoleRemovesItsAssignmentsAndTheirAccess() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        RoleAssignment a = ok(assign(admin, role.id(), member, "project", web.id().text()));
        ok(assign(admin, role.id(), viewer, "organization", org.text()));
        assertThat(can(viewer, project(api), "projects_write")).isTrue();
        ok(g.roles().deleteRole().handle(admin, role.id()));
        assertThat(can(member, project(web), "projects_write")).isFalse();
        assertThat(can(viewer, project(api), "projects_write")).isFalse();
        assertThat(g.stores().roles().roles().assignmentById(a.id())).isEmpty();
        fails(g.roles().getRole().handle(admin, role.id()), Reason.NOT_FOUND);
        assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("role", role.id())))).isEmpty();
        String events = g.stores().platform().eventOutbox().after(null, 100).toString();
        assertThat(events).contains("role.created", "role_assignment.created", "role_assignment.deleted", "role.deleted");
        String audit = g.stores().platform().auditLog().find(AuditQuery.all(), null, 100).toString();
        assertThat(audit).contains("role.created", "role_assignment.created", "role_assignment.deleted", "role.deleted");
    }

    @Test
    void assigningCannotEscalate() {
        // the admin holds projects:write but not plan:write: an owner's role with plan:write is beyond them
        RoleDefinition strong = ok(g.roles().createRole().handle(new CreateRole.Command(owner, org, "Billing", null, List.of("plan:write"))));
        var denied = assign(admin, strong.id(), member, "organization", org.text());
        fails(denied, Reason.FORBIDDEN);
        assertThat(denied.failure().details()).containsEntry("required_scope", "plan:write");
        ok(assign(owner, strong.id(), member, "organization", org.text()));
        // a project viewer cannot hand out anything; a member lacks roles:write
        RoleDefinition read = ok(create(admin, "Reader", List.of("projects:read")));
        fails(assign(member, read.id(), viewer, "project", web.id().text()), Reason.FORBIDDEN);
    }

    @Test
    void builtInRolesOnProjectsWriteTheProjectsOwnRelation() {
        RoleAssignment a = ok(assign(admin, "admin", viewer, "project", web.id().text()));
        assertThat(a.builtIn()).isEqualTo(Role.ADMIN);
        assertThat(can(viewer, project(web), "projects_write")).isTrue();
        assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(project(web))).toString())
                .contains("project:" + web.id().text() + "#admin@user:" + id(viewer));
        fails(assign(admin, "admin", viewer, "project", web.id().text()), Reason.CONFLICT);
        fails(assign(admin, "admin", viewer, "organization", org.text()), Reason.VALIDATION);
        fails(assign(admin, "owner", viewer, "project", web.id().text()), Reason.VALIDATION);
        ok(g.roles().unassignRole().handle(admin, a.id()));
        assertThat(can(viewer, project(web), "projects_write")).isFalse();
    }

    @Test
    void anExpiringAssignmentEndsByItself() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        ok(g.roles().assignRole().handle(new AssignRole.Command(admin, role.id(), id(member), "project", web.id().text(),
                clock.instant().plus(Duration.ofHours(1)))));
        assertThat(can(member, project(web), "projects_write")).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(can(member, project(web), "projects_write")).isFalse();
        fails(g.roles().assignRole().handle(new AssignRole.Command(admin, role.id(), id(member), "project", api.id().text(),
                clock.instant().minusSeconds(1))), Reason.VALIDATION);
    }

    @Test
    void crossTenantIdsAreNotFound() {
        RoleDefinition mine = ok(create(admin, "Deployer", List.of("projects:read")));
        RoleDefinition theirs = ok(g.roles().createRole().handle(new CreateRole.Command(outsider, otherOrg, "Theirs", null,
                List.of("projects:read"))));
        // another organization's role on my project
        fails(assign(admin, theirs.id(), member, "project", web.id().text()), Reason.NOT_FOUND);
        // my role for a user who is not a member
        fails(assign(admin, mine.id(), outsider, "project", web.id().text()), Reason.NOT_FOUND);
        // a project the caller cannot see
        fails(assign(outsider, theirs.id(), outsider, "project", web.id().text()), Reason.NOT_FOUND);
        fails(assign(admin, mine.id(), member, "project", "not an id!"), Reason.NOT_FOUND);
        fails(assign(admin, "role_nope", member, "project", web.id().text()), Reason.NOT_FOUND);
        RoleAssignment a = ok(assign(admin, mine.id(), member, "project", web.id().text()));
        fails(g.roles().unassignRole().handle(outsider, a.id()), Reason.NOT_FOUND);
        fails(g.roles().listRoleAssignments().handle(new ListRoleAssignments.Command(outsider, org, null, null, null,
                PageRequest.first())), Reason.NOT_FOUND);
    }

    @Test
    void listsAssignmentsWithFiltersAndAUsersRoles() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        RoleAssignment first = ok(assign(admin, role.id(), member, "project", web.id().text()));
        clock.advance(Duration.ofSeconds(1));
        RoleAssignment second = ok(assign(admin, "viewer", member, "project", api.id().text()));
        clock.advance(Duration.ofSeconds(1));
        RoleAssignment third = ok(assign(admin, role.id(), viewer, "project", api.id().text()));
        var all = ok(g.roles().listRoleAssignments().handle(new ListRoleAssignments.Command(viewer, org, null, null, null,
                PageRequest.first())));
        assertThat(all.items()).extracting(RoleAssignment::id).containsExactly(third.id(), second.id(), first.id());
        var byUser = ok(g.roles().listRoleAssignments().handle(new ListRoleAssignments.Command(viewer, org, id(member), null, null,
                PageRequest.first())));
        assertThat(byUser.items()).extracting(RoleAssignment::id).containsExactly(second.id(), first.id());
        var byRole = ok(g.roles().listRoleAssignments().handle(new ListRoleAssignments.Command(viewer, org, null, role.id(),
                "project:" + api.id().text(), PageRequest.first())));
        assertThat(byRole.items()).extracting(RoleAssignment::id).containsExactly(third.id());
        fails(g.roles().listRoleAssignments().handle(new ListRoleAssignments.Command(viewer, org, "bob", null, "nowhere",
                PageRequest.first())), Reason.VALIDATION);

        var roles = ok(g.roles().listUserRoles().handle(new ListUserRoles.Command(viewer, org, UserId.parse(id(member)).orElseThrow())));
        assertThat(roles.membership()).contains(Role.MEMBER);
        assertThat(roles.assignments()).extracting(RoleAssignment::id).containsExactly(second.id(), first.id());
        assertThat(roles.roles()).containsKey(role.id());
        fails(g.roles().listUserRoles().handle(new ListUserRoles.Command(viewer, org, UserId.parse(id(outsider)).orElseThrow())),
                Reason.NOT_FOUND);
        fails(g.roles().listUserRoles().handle(new ListUserRoles.Command(outsider, org, UserId.parse(id(member)).orElseThrow())),
                Reason.NOT_FOUND);
        assertThat(RoleAssignmentId.parse(first.id().text())).contains(first.id());
    }

    @Test
    void removingAMemberRemovesTheirAssignmentsAndTheAccessTheyGave() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        RoleAssignment a = ok(assign(admin, role.id(), member, "project", web.id().text()));
        RoleAssignment b = ok(assign(admin, "viewer", member, "project", api.id().text()));
        assertThat(can(member, project(web), "projects_write")).isTrue();
        ok(g.tenancy().removeMember().handle(owner, org, UserId.parse(id(member)).orElseThrow()));
        assertThat(can(member, project(web), "projects_write")).isFalse();
        assertThat(can(member, project(api), "projects_read")).isFalse();
        assertThat(g.stores().roles().roles().assignmentById(a.id())).isEmpty();
        assertThat(g.stores().roles().roles().assignmentById(b.id())).isEmpty();
        assertThat(g.stores().platform().eventOutbox().after(null, 100).toString()).contains("role_assignment.deleted");
    }

    @Test
    void purgingAProjectRemovesTheAssignmentsOnItAndItsEnvironments() {
        RoleDefinition role = ok(create(admin, "Deployer", List.of("projects:write")));
        RoleAssignment onProject = ok(assign(admin, role.id(), member, "project", web.id().text()));
        String env = g.stores().tenancy().environments().ofProject(web.id()).get(0).id().text();
        RoleAssignment onEnvironment = ok(assign(admin, role.id(), member, "environment", env));
        RoleAssignment elsewhere = ok(assign(admin, role.id(), member, "project", api.id().text()));
        ok(g.tenancy().deleteProject().handle(owner, web.id()));
        clock.advance(Project.RESTORE_WINDOW.plusDays(1));
        assertThat(ok(g.tenancy().purgeDeletedProjects().handle(Caller.system("purge"), 10))).isEqualTo(1);
        assertThat(g.stores().roles().roles().assignmentById(onProject.id())).isEmpty();
        assertThat(g.stores().roles().roles().assignmentById(onEnvironment.id())).isEmpty();
        assertThat(g.stores().roles().roles().assignmentById(elsewhere.id())).isPresent();
        assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(
                new ObjectRef("role_binding", onProject.id().text())))).isEmpty();
    }
}
