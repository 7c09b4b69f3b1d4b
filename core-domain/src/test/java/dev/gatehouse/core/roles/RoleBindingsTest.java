package dev.gatehouse.core.roles;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How roles and assignments become relationships, alone (no store, no authorizer). */
class RoleBindingsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final OrganizationId org = new OrganizationId(UUID.randomUUID());
    private final UserId ada = new UserId(UUID.randomUUID());
    private final ObjectRef project = new ObjectRef("project", "prj_web");

    private RoleAssignment assignment(RoleId custom, Role builtIn, Instant expiresAt) {
        return new RoleAssignment(new RoleAssignmentId(UUID.randomUUID()), org, custom, builtIn, ada, project, expiresAt, "t", NOW);
    }

    @Test
    void aCustomRoleGrantsEachPermissionToEveryUserAndApiKeyHoldingIt() {
        var role = new CustomRole(new RoleId(UUID.randomUUID()), org, "Deployer", "", List.of("projects:write"), "t", NOW, NOW);
        ObjectRef ref = new ObjectRef("role", role.id().text());
        assertThat(RoleBindings.grantsOf(role, role.scopes())).containsExactly(
                Relationship.of(ref, "projects_write", SubjectRef.wildcard("user")),
                Relationship.of(ref, "projects_write", SubjectRef.wildcard("api_key")));
    }

    @Test
    void aCustomRoleAssignmentIsABindingWhoseSubjectExpiresWithIt() {
        RoleId role = new RoleId(UUID.randomUUID());
        Instant until = NOW.plusSeconds(3600);
        var a = assignment(role, null, until);
        ObjectRef binding = new ObjectRef("role_binding", a.id().text());
        assertThat(RoleBindings.relationshipsOf(a)).containsExactly(
                Relationship.of(binding, "role", SubjectRef.of(new ObjectRef("role", role.text()))),
                Relationship.expiring(binding, "subject", SubjectRef.of("user", ada.text()), until),
                Relationship.of(project, "binding", SubjectRef.of(binding)));
    }

    @Test
    void aBuiltInRoleAssignmentIsTheResourcesOwnRelation() {
        var a = assignment(null, Role.ADMIN, null);
        assertThat(RoleBindings.relationshipsOf(a)).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo(project);
            assertThat(r.relation()).isEqualTo(Role.ADMIN.relation());
            assertThat(r.subject()).isEqualTo(SubjectRef.of("user", ada.text()));
            assertThat(r.expiration()).isEqualTo(Optional.empty());
        });
    }
}
