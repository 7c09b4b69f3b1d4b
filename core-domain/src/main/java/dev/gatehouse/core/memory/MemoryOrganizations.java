package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Organizations in memory; deleted ones are kept (soft delete) but never returned. */
public final class MemoryOrganizations implements Organizations {
    private final MemoryTransactions tx;
    private final Map<OrganizationId, Organization> byId = new ConcurrentHashMap<>();

    public MemoryOrganizations(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean add(Organization org) {
        boolean[] added = {false};
        tx.write(() -> {
            if (byId.containsKey(org.id()) || slugTaken(org)) {
                return;
            }
            byId.put(org.id(), org);
            added[0] = true;
        }, () -> {
            if (added[0]) {
                byId.remove(org.id());
            }
        });
        return added[0];
    }

    @Override
    public boolean update(Organization org) {
        Organization[] before = {null};
        boolean[] updated = {false};
        tx.write(() -> {
            if (!org.isDeleted() && slugTaken(org)) {
                return;
            }
            before[0] = byId.replace(org.id(), org);
            updated[0] = before[0] != null;
        }, () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
        return updated[0];
    }

    private boolean slugTaken(Organization org) {
        return byId.values().stream().anyMatch(o -> !o.isDeleted() && !o.id().equals(org.id()) && o.slug().equals(org.slug()));
    }

    @Override
    public Optional<Organization> byId(OrganizationId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)).filter(o -> !o.isDeleted()));
    }

    private static final MemoryListing<Organization> LISTING = new MemoryListing<>(Organization::createdAt,
            Organization::updatedAt, o -> o.id().value(), List.of(Organization::name, o -> o.slug().value()),
            Map.of("created_at", Comparator.comparing(Organization::createdAt),
                    "name", Comparator.comparing(Organization::name),
                    "slug", Comparator.comparing((Organization o) -> o.slug().value())),
            Comparator.comparing(Organization::createdAt).reversed());

    @Override
    public Page<Organization> list(Optional<Set<OrganizationId>> within, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), o -> !o.isDeleted() && (within.isEmpty() || within.get().contains(o.id())), q));
    }
}
