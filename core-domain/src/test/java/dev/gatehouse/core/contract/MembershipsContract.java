package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.Memberships;
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
 * The behaviour every {@link Memberships} implementation shows. Each test gets an empty store;
 * {@link #organization()} and {@link #user(String)} make the rows a membership refers to (a database
 * store has foreign keys).
 */
public abstract class MembershipsContract extends TenantScopedContract {

    protected abstract Memberships memberships();

    private Memberships store;
    private OrganizationId org;

    @BeforeEach
    void freshStore() {
        store = memberships();
        org = organization();
    }

    private static Membership membership(OrganizationId org, UserId user, Role role, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new Membership(new MembershipId(idAt(t)), org, user, role, t, t);
    }

    @Test
    void storesOneMembershipPerUserAndOrganization() {
        UserId ada = user("ada@example.com");
        Membership m = membership(org, ada, Role.OWNER, at(0));
        assertThat(store.add(m)).isTrue();
        assertThat(store.add(membership(org, ada, Role.VIEWER, at(1)))).isFalse();
        assertThat(store.byUser(org, ada)).contains(m);
        assertThat(store.byUser(organization(), ada)).isEmpty();
    }

    @Test
    void storesTheFounderOfANewOrganization() {
        UserId ada = user("ada@example.com");
        Membership founder = membership(org, ada, Role.OWNER, at(0));
        store.addFounder(founder);
        assertThat(store.byUser(org, ada)).contains(founder);
        assertThat(store.countWithRole(org, Role.OWNER)).isEqualTo(1);
    }

    @Test
    void changesRolesAndCountsThem() {
        UserId ada = user("ada@example.com");
        UserId bob = user("bob@example.com");
        Membership a = membership(org, ada, Role.OWNER, at(0));
        Membership b = membership(org, bob, Role.MEMBER, at(1));
        store.add(a);
        store.add(b);
        assertThat(store.countWithRole(org, Role.OWNER)).isEqualTo(1);
        Membership promoted = b.withRole(Role.OWNER, at(5));
        store.update(promoted);
        assertThat(store.byUser(org, bob)).contains(promoted);
        assertThat(store.countWithRole(org, Role.OWNER)).isEqualTo(2);
        assertThat(store.countWithRole(org, Role.MEMBER)).isZero();
    }

    @Test
    void findsEveryMembershipOfAUserOldestFirst() {
        UserId ada = user("ada@example.com");
        UserId bob = user("bob@example.com");
        var second = organization();
        Membership later = membership(second, ada, Role.VIEWER, at(2));
        Membership first = membership(org, ada, Role.ADMIN, at(1));
        store.add(later);
        store.add(first);
        store.add(membership(org, bob, Role.MEMBER, at(3)));
        assertThat(store.ofUser(ada)).containsExactly(first, later);
        store.remove(first);
        assertThat(store.ofUser(ada)).containsExactly(later);
        assertThat(store.ofUser(user("cy@example.com"))).isEmpty();
    }

    @Test
    void removesAMembership() {
        UserId ada = user("ada@example.com");
        Membership a = membership(org, ada, Role.ADMIN, at(0));
        store.add(a);
        store.remove(a);
        assertThat(store.byUser(org, ada)).isEmpty();
        assertThat(store.add(membership(org, ada, Role.VIEWER, at(1)))).isTrue();
    }

    @Test
    void listsOldestFirstFilteredByRoleAndSorted() {
        OrganizationId other = organization();
        store.add(membership(org, user("a@example.com"), Role.OWNER, at(0)));
        store.add(membership(org, user("b@example.com"), Role.VIEWER, at(10)));
        store.add(membership(org, user("c@example.com"), Role.ADMIN, at(20)));
        store.add(membership(other, user("d@example.com"), Role.OWNER, at(30)));
        var all = store.list(org, ListQuery.firstPage());
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(Membership::role).containsExactly(Role.OWNER, Role.VIEWER, Role.ADMIN);
        assertThat(store.list(org, new ListQuery(PageRequest.first(), null, null, null, null, null, "viewer")).items())
                .extracting(Membership::role).containsExactly(Role.VIEWER);
        assertThat(store.list(org, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("role", false))))).items())
                .extracting(Membership::role).containsExactly(Role.ADMIN, Role.OWNER, Role.VIEWER);
        assertThat(store.list(org, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("created_at", true))))).items())
                .extracting(Membership::role).containsExactly(Role.ADMIN, Role.VIEWER, Role.OWNER);
    }
}
