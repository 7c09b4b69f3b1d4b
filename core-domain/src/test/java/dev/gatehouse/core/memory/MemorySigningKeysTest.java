package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.SigningKeysContract;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.SigningKeys;

class MemorySigningKeysTest extends SigningKeysContract {
    private MemoryTransactions tx;
    private Projects projects;

    @Override
    protected SigningKeys signingKeys() {
        tx = new MemoryTransactions();
        projects = new MemoryProjects(tx);
        return MemoryTokenStores.create(tx).signingKeys();
    }

    @Override
    protected Projects projects() {
        return projects;
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
