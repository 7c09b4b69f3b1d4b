package dev.gatehouse.core.tenancy.projects;

/**
 * Whatever else belongs to a project and must go when it is purged (API keys, signing keys,
 * webhooks, as those features arrive). {@link PurgeDeletedProjects} calls every registered
 * dependent inside the purge's transaction, before the environments and the project row go.
 */
@FunctionalInterface
public interface ProjectDependents {
    void purge(Project project);
}
