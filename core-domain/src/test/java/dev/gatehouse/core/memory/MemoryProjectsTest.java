package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.ProjectsContract;
import dev.gatehouse.core.tenancy.projects.Projects;

class MemoryProjectsTest extends ProjectsContract {
    @Override
    protected Projects projects() {
        return new MemoryProjects(new MemoryTransactions());
    }
}
