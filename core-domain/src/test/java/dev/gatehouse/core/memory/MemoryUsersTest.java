package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.UsersContract;

class MemoryUsersTest extends UsersContract {
    @Override
    protected dev.gatehouse.core.identity.Users users() {
        return new MemoryUsers(new MemoryTransactions());
    }
}
