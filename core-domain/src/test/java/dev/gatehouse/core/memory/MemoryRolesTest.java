package dev.gatehouse.core.memory;

import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.contract.RolesContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;

import java.util.UUID;

class MemoryRolesTest extends RolesContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected Roles roles() {
        return new MemoryRoles(tx);
    }

    @Override
    protected Transactions transactions() {
        return tx;
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
