package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.ProjectDependents;

/**
 * When a project is purged, its keys that were never revoked go with it: their {@code api_keys}
 * count is given back. (The project itself was released when it was soft-deleted.) Runs before the
 * keys are deleted, in the purge's transaction.
 */
public final class EntitlementsPurge implements ProjectDependents {
    private final ApiKeys apiKeys;
    private final Entitlements entitlements;

    public EntitlementsPurge(ApiKeys apiKeys, Entitlements entitlements) {
        this.apiKeys = apiKeys;
        this.entitlements = entitlements;
    }

    @Override
    public void purge(Project project) {
        long counted = apiKeys.ofProject(project.id()).stream().filter(ApiKey::holdsPlanSlot).count();
        entitlements.release(project.organizationId(), Feature.API_KEYS, counted);
    }
}
