package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

/** Where a key belongs (its environment or organization) and whether its owner still exists. */
public record KeyOwners(Organizations organizations, Projects projects, Environments environments, ApiKeyCache cache,
                        Transactions tx) {
    /** Where the key's role binding is attached: its environment, or its organization. */
    public static ObjectRef owner(ApiKey k) {
        return k.environment().map(e -> new ObjectRef("environment", e.text()))
                .orElseGet(() -> new ObjectRef("organization", k.organizationId().text()));
    }

    /**
     * Where a key's rights are asked: where it is bound, or, for a key whose environment was deleted
     * (the key is revoked with it), its project, as the project's key list shows it.
     */
    public ObjectRef where(ApiKey k) {
        return k.environment().filter(e -> environments.byId(e).isEmpty())
                .map(e -> new ObjectRef("project", k.projectId().text()))
                .orElseGet(() -> owner(k));
    }

    /**
     * Whether the key's environment is gone, or its project or organization deleted. Deleting them
     * revokes their keys in the same transaction (ADR 0018); this backs that up for a key issued
     * concurrently with the deletion. Read through the cache (dropped on this instance when the
     * deletion commits; elsewhere within its TTL).
     */
    public boolean disabled(ApiKey k) {
        return k.environment().map(e -> cache.ownerDisabled(e.text(),
                        () -> tx.readOnly(() -> environments.byId(e)).isEmpty())).orElse(false)
                || k.project().map(p -> cache.ownerDisabled(p.text(),
                        () -> tx.readOnly(() -> projects.byId(p)).map(pr -> pr.deleted()).orElse(true))).orElse(false)
                || cache.ownerDisabled(k.organizationId().text(), // readers never see a deleted organization
                () -> tx.readOnly(() -> organizations.byId(k.organizationId())).map(o -> o.isDeleted()).orElse(true));
    }
}
