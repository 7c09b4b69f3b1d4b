package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.ProjectSigningKeysContract;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.ProjectSigningKeys;

class MemoryProjectSigningKeysTest extends ProjectSigningKeysContract {
    private MemoryTransactions tx;
    private Projects projects;

    @Override
    protected ProjectSigningKeys projectSigningKeys() {
        tx = new MemoryTransactions();
        projects = new MemoryProjects(tx);
        return new MemoryProjectSigningKeys(tx);
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
