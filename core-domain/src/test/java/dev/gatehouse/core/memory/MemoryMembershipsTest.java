package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.MembershipsContract;
import dev.gatehouse.core.tenancy.Memberships;

class MemoryMembershipsTest extends MembershipsContract {
    @Override
    protected Memberships memberships() {
        return new MemoryMemberships(new MemoryTransactions());
    }
}
