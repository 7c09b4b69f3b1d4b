package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.ApiKeysContract;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

class MemoryApiKeysTest extends ApiKeysContract {
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryProjects projects = new MemoryProjects(tx);
    private final MemoryEnvironments environments = new MemoryEnvironments(tx);

    @Override
    protected ApiKeys apiKeys() {
        return new MemoryApiKeys(tx);
    }

    @Override
    protected Projects projects() {
        return projects;
    }

    @Override
    protected Environments environments() {
        return environments;
    }
}
