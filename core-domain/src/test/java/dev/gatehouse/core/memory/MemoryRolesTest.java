package dev.gatehouse.core.memory;

import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.contract.RolesContract;
import dev.gatehouse.core.shared.Transactions;

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
}
