package dev.gatehouse.postgres;

import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.contract.Fixtures;
import dev.gatehouse.core.contract.OrganizationsContract;
import dev.gatehouse.core.contract.TenantRows;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Organization;

import java.util.concurrent.atomic.AtomicInteger;

/** Rows that memberships and invitations refer to (the tables have foreign keys). */
final class TenancyRows {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TenancyRows() {
    }

    static OrganizationId organization(AdapterBeans beans) {
        int n = SEQ.incrementAndGet();
        Organization org = OrganizationsContract.org("Org " + n, "org-" + n, Fixtures.at(n));
        if (!beans.bean(TenancyStores.class).organizations().add(org)) {
            throw new IllegalStateException("could not add " + org);
        }
        return org.id();
    }

    /** Organizations and users that exist in the beans' database. */
    static TenantRows in(AdapterBeans beans) {
        return new TenantRows() {
            @Override
            public OrganizationId organization() {
                return TenancyRows.organization(beans);
            }

            @Override
            public UserId user(String email) {
                return TenancyRows.user(beans, email);
            }
        };
    }

    static UserId user(AdapterBeans beans, String email) {
        User u = Fixtures.user(SEQ.incrementAndGet() + "." + email, "User", Fixtures.at(0));
        beans.bean(dev.gatehouse.core.identity.IdentityStores.class).users().add(u);
        return u.id();
    }
}
