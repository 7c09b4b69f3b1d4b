package dev.gatehouse.core.authorization;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccessControlTest {
    private final Gatehouse g = Gatehouse.inMemory();
    private final AccessControl access = new AccessControl(g.platform().authorizer());
    private final ObjectRef acme = new ObjectRef("organization", "org_acme");

    private Caller user(UserId id) {
        return new Caller(new Principal.User(id, id + "@example.com", false), Origin.none());
    }

    private UserId member(String relation) {
        UserId id = new UserId(UUID.randomUUID());
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.create(
                Relationship.of(acme, relation, SubjectRef.of("user", id.text())))));
        assertThat(written.isOk()).isTrue();
        return id;
    }

    @Test
    void allowsWhatTheRoleGrants() {
        assertThat(access.require(user(member("admin")), acme, "projects_write", "organizations_read", "Organization")).isEmpty();
    }

    @Test
    void aVisibleResourceWithoutThePermissionIsForbiddenNamingTheScope() {
        var denied = access.require(user(member("viewer")), acme, "projects_write", "organizations_read", "Organization");
        assertThat(denied).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(f.message()).contains("projects:write");
            assertThat(f.details()).containsEntry("required_scope", "projects:write");
        });
    }

    @Test
    void anInvisibleResourceIsNotFound() {
        var outsider = user(new UserId(UUID.randomUUID()));
        assertThat(access.require(outsider, acme, "projects_write", "organizations_read", "Organization"))
                .hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(access.require(new Caller(new Principal.Anonymous(), Origin.none()), acme, "organizations_read",
                "organizations_read", "Organization")).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void platformAdminsPass() {
        assertThat(access.require(Caller.system("job"), acme, "organizations_delete", "organizations_read", "Organization")).isEmpty();
    }
}
