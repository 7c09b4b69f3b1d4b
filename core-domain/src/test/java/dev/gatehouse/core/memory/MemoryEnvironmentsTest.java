package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.EnvironmentsContract;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

class MemoryEnvironmentsTest extends EnvironmentsContract {
    private final MemoryTransactions tx = new MemoryTransactions();

    @Override
    protected Environments environments() {
        return new MemoryEnvironments(tx);
    }

    @Override
    protected Projects projects() {
        return new MemoryProjects(tx);
    }
}
