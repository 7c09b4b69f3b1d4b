package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.memory.MemoryOrganizations;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The organization guard alone: who finds an organization, who may change it, and how a refusal reads. */
class OrganizationGuardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private final SecureIdGenerator ids = new SecureIdGenerator(CLOCK);
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryOrganizations organizations = new MemoryOrganizations(tx);
    private final Authorizer authorizer = LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(),
            new MemoryRelationships(tx), tx, CLOCK).value();
    private final OrganizationGuard guard = new OrganizationGuard(organizations, new AccessControl(authorizer));

    private final Organization acme = Organization.create(new OrganizationId(ids.newId()), "Acme", new Slug("acme"),
            OrganizationSettings.DEFAULTS, CLOCK.instant());

    private Caller member(Role role) {
        UserId user = new UserId(ids.newId());
        assertThat(authorizer.write(List.of(RelationshipUpdate.touch(MembershipGrants.relationship(acme.id(), user, role))))
                .isOk()).isTrue();
        return new Caller(new Principal.User(user, user.text() + "@example.com", false), Origin.none());
    }

    @Test
    void aViewerReadsTheOrganizationButMayNotChangeItAndIsToldWhichScopeIsMissing() {
        organizations.add(acme);
        Caller viewer = member(Role.VIEWER);

        assertThat(guard.require(viewer, acme.id(), "organizations_read").value()).isEqualTo(acme);
        var write = guard.require(viewer, acme.id(), "organizations_write");
        assertThat(write.isOk()).isFalse();
        assertThat(write.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(write.failure().details()).containsEntry("required_scope", "organizations:write");
    }

    @Test
    void anOutsiderAndAnUnknownOrganizationAreBothNotFound() {
        organizations.add(acme);
        Caller outsider = new Caller(new Principal.User(new UserId(ids.newId()), "out@example.com", false), Origin.none());

        assertThat(guard.require(outsider, acme.id(), "organizations_read").failure().reason()).isEqualTo(Reason.NOT_FOUND);
        Caller owner = member(Role.OWNER);
        assertThat(guard.require(owner, new OrganizationId(ids.newId()), "organizations_read").failure().reason())
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void anOwnerMayDeleteAndCheckAloneAnswersWithoutLoadingTheOrganization() {
        organizations.add(acme);
        Caller owner = member(Role.OWNER);

        assertThat(guard.require(owner, acme.id(), "organizations_delete").isOk()).isTrue();
        assertThat(guard.check(owner, acme.id(), "owners_write")).isEmpty();
        assertThat(guard.check(member(Role.ADMIN), acme.id(), "owners_write")).get()
                .extracting(f -> f.reason()).isEqualTo(Reason.FORBIDDEN);
    }
}
