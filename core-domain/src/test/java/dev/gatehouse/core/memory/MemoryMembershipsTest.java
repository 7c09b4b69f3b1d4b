package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.MembershipsContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Memberships;

import java.util.UUID;

class MemoryMembershipsTest extends MembershipsContract {
    @Override
    protected Memberships memberships() {
        return new MemoryMemberships(new MemoryTransactions());
    }

    @Override
    protected OrganizationId organization() {
        return new OrganizationId(UUID.randomUUID());
    }

    @Override
    protected UserId user(String email) {
        return new UserId(UUID.randomUUID());
    }
}
