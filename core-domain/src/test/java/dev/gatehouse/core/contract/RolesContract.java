package dev.gatehouse.core.contract;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.roles.CustomRole;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Roles} implementation shows. Each test gets an empty store;
 * {@link #organization()} and {@link #user(String)} make the rows roles and assignments refer to.
 */
public abstract class RolesContract extends TenantScopedContract {

    protected abstract Roles roles();

    /** The transactions the store joins (a rollback must undo its writes). */
    protected abstract Transactions transactions();

    private Roles store;
    private OrganizationId org;

    @BeforeEach
    void freshStore() {
        store = roles();
        org = organization();
    }

    private static CustomRole role(OrganizationId org, String name, List<String> scopes, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new CustomRole(new RoleId(idAt(t)), org, name, "about " + name, scopes, "usr_creator", t, t);
    }

    private static RoleAssignment assignment(OrganizationId org, RoleId role, Role builtIn, UserId user, ObjectRef resource,
                                             Instant expires, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new RoleAssignment(new RoleAssignmentId(idAt(t)), org, role, builtIn, user, resource,
                expires == null ? null : expires.truncatedTo(ChronoUnit.MICROS), "usr_creator", t);
    }

    private static ObjectRef project(String id) {
        return new ObjectRef("project", id);
    }

    @Test
    void storesRolesWithNamesUniquePerOrganizationIgnoringCase() {
        CustomRole deployer = role(org, "Deployer", List.of("projects:write", "projects:read"), at(0));
        assertThat(store.add(deployer)).isTrue();
        assertThat(store.add(role(org, "DEPLOYER", List.of("audit:read"), at(1)))).isFalse();
        OrganizationId other = organization();
        assertThat(store.add(role(other, "Deployer", List.of("audit:read"), at(2)))).isTrue();
        assertThat(store.byId(deployer.id())).contains(deployer);
        assertThat(store.byId(deployer.id()).orElseThrow().scopes()).containsExactly("projects:read", "projects:write");
        assertThat(store.lockById(deployer.id())).contains(deployer);
        assertThat(store.byId(new RoleId(idAt(at(9))))).isEmpty();
    }

    @Test
    void listsAnOrganizationsRolesByName() {
        CustomRole b = role(org, "b-role", List.of("audit:read"), at(0));
        CustomRole a = role(org, "a-role", List.of("audit:read"), at(1));
        CustomRole upper = role(org, "Z-role", List.of("audit:read"), at(2));
        store.add(b);
        store.add(a);
        store.add(upper);
        store.add(role(organization(), "elsewhere", List.of("audit:read"), at(3)));
        assertThat(store.ofOrganization(org)).containsExactly(upper, a, b);
    }

    @Test
    void updatesScopes() {
        CustomRole r = role(org, "Deployer", List.of("projects:read"), at(0));
        store.add(r);
        CustomRole changed = r.withScopes(List.of("audit:read", "projects:write"), at(5));
        store.update(changed);
        assertThat(store.byId(r.id())).contains(changed);
        assertThat(store.byId(r.id()).orElseThrow().updatedAt()).isEqualTo(at(5));
    }

    @Test
    void storesAssignmentsOncePerRoleUserAndResource() {
        CustomRole r = role(org, "Deployer", List.of("projects:write"), at(0));
        store.add(r);
        UserId ada = user("ada@example.com");
        RoleAssignment a = assignment(org, r.id(), null, ada, project("prj_1"), at(100), at(1));
        assertThat(store.addAssignment(a)).isTrue();
        assertThat(store.addAssignment(assignment(org, r.id(), null, ada, project("prj_1"), null, at(2)))).isFalse();
        assertThat(store.addAssignment(assignment(org, r.id(), null, ada, project("prj_2"), null, at(3)))).isTrue();
        RoleAssignment builtIn = assignment(org, null, Role.ADMIN, ada, project("prj_1"), null, at(4));
        assertThat(store.addAssignment(builtIn)).isTrue();
        assertThat(store.addAssignment(assignment(org, null, Role.ADMIN, ada, project("prj_1"), null, at(5)))).isFalse();
        assertThat(store.assignmentById(a.id())).contains(a);
        assertThat(store.assignmentById(builtIn.id())).contains(builtIn);
        assertThat(store.assignmentsOf(r.id())).hasSize(2).first().isEqualTo(a);
        store.removeAssignment(a.id());
        assertThat(store.assignmentById(a.id())).isEmpty();
        assertThat(store.assignmentsOf(r.id())).hasSize(1);
    }

    @Test
    void removingARoleRemovesItsAssignments() {
        CustomRole r = role(org, "Deployer", List.of("projects:write"), at(0));
        store.add(r);
        UserId ada = user("ada@example.com");
        RoleAssignment a = assignment(org, r.id(), null, ada, project("prj_1"), null, at(1));
        RoleAssignment builtIn = assignment(org, null, Role.VIEWER, ada, project("prj_1"), null, at(2));
        store.addAssignment(a);
        store.addAssignment(builtIn);
        store.remove(r.id());
        assertThat(store.byId(r.id())).isEmpty();
        assertThat(store.assignmentById(a.id())).isEmpty();
        assertThat(store.assignmentById(builtIn.id())).contains(builtIn);
        assertThat(store.add(role(org, "Deployer", List.of("audit:read"), at(3)))).as("the name is free again").isTrue();
    }

    @Test
    void pagesAssignmentsNewestFirstWithFilters() {
        CustomRole r = role(org, "Deployer", List.of("projects:write"), at(0));
        store.add(r);
        UserId ada = user("ada@example.com");
        UserId bob = user("bob@example.com");
        RoleAssignment a1 = assignment(org, r.id(), null, ada, project("prj_1"), null, at(1));
        RoleAssignment a2 = assignment(org, null, Role.MEMBER, ada, project("prj_2"), null, at(2));
        RoleAssignment a3 = assignment(org, r.id(), null, bob, new ObjectRef("environment", "env_1"), null, at(3));
        store.addAssignment(a1);
        store.addAssignment(a2);
        store.addAssignment(a3);
        OrganizationId other = organization();
        store.addAssignment(assignment(other, null, Role.MEMBER, ada, project("prj_9"), null, at(4)));
        var all = store.assignments(org, Roles.AssignmentFilter.all(), PageRequest.first());
        assertThat(all.items()).containsExactly(a3, a2, a1);
        assertThat(all.total()).isEqualTo(3);
        var page2 = store.assignments(org, Roles.AssignmentFilter.all(), new PageRequest(2, 2, List.of()));
        assertThat(page2.items()).containsExactly(a1);
        assertThat(page2.total()).isEqualTo(3);
        assertThat(store.assignments(org, new Roles.AssignmentFilter(ada, null, null), PageRequest.first()).items())
                .containsExactly(a2, a1);
        assertThat(store.assignments(org, new Roles.AssignmentFilter(null, "member", null), PageRequest.first()).items())
                .containsExactly(a2);
        assertThat(store.assignments(org, new Roles.AssignmentFilter(null, r.id().text(), null), PageRequest.first()).items())
                .containsExactly(a3, a1);
        assertThat(store.assignments(org, new Roles.AssignmentFilter(null, null, new ObjectRef("environment", "env_1")),
                PageRequest.first()).items()).containsExactly(a3);
        assertThat(store.assignments(org, new Roles.AssignmentFilter(bob, "member", null), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNothing() {
        CustomRole r = role(org, "Deployer", List.of("projects:write"), at(0));
        try {
            transactions().inTransaction(() -> {
                store.add(r);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(store.byId(r.id())).isEmpty();
        assertThat(store.add(r)).isTrue();
    }
}
