package dev.gatehouse.core.memory;

import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.shared.OrganizationId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Entitlement overrides in memory, by (organization, feature). */
public final class MemoryEntitlementOverrides implements EntitlementOverrides {
    private record Key(OrganizationId organization, String feature) {
    }

    private final MemoryTransactions tx;
    private final Map<Key, EntitlementOverride> byKey = new ConcurrentHashMap<>();

    public MemoryEntitlementOverrides(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void put(EntitlementOverride o) {
        Key key = new Key(o.organization(), o.feature());
        EntitlementOverride[] before = {null};
        tx.write(() -> before[0] = byKey.put(key, o), () -> {
            if (before[0] == null) {
                byKey.remove(key);
            } else {
                byKey.put(key, before[0]);
            }
        });
    }

    @Override
    public Optional<EntitlementOverride> get(OrganizationId organization, String feature) {
        return tx.read(() -> Optional.ofNullable(byKey.get(new Key(organization, feature))));
    }

    @Override
    public List<EntitlementOverride> of(OrganizationId organization) {
        return tx.read(() -> byKey.values().stream().filter(o -> o.organization().equals(organization))
                .sorted(Comparator.comparing(EntitlementOverride::feature)).toList());
    }
}
