package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.OrganizationsContract;
import dev.gatehouse.core.tenancy.Organizations;

class MemoryOrganizationsTest extends OrganizationsContract {
    @Override
    protected Organizations organizations() {
        return new MemoryOrganizations(new MemoryTransactions());
    }
}
