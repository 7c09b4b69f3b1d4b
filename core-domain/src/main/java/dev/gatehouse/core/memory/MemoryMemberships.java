package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Membership;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Role;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Memberships in memory, one per (organization, user). */
public final class MemoryMemberships implements Memberships {
    private final MemoryTransactions tx;
    private final Map<MembershipId, Membership> byId = new ConcurrentHashMap<>();

    public MemoryMemberships(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean add(Membership m) {
        boolean[] added = {false};
        tx.write(() -> {
            if (byId.containsKey(m.id()) || find(m.organizationId(), m.userId()).isPresent()) {
                return;
            }
            byId.put(m.id(), m);
            added[0] = true;
        }, () -> {
            if (added[0]) {
                byId.remove(m.id());
            }
        });
        return added[0];
    }

    @Override
    public void update(Membership m) {
        Membership[] before = {null};
        tx.write(() -> before[0] = byId.replace(m.id(), m), () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public void remove(Membership m) {
        Membership[] before = {null};
        tx.write(() -> before[0] = byId.remove(m.id()), () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public Optional<Membership> byUser(OrganizationId organization, UserId user) {
        return tx.read(() -> find(organization, user));
    }

    @Override
    public java.util.List<Membership> ofUser(UserId user) {
        return tx.read(() -> byId.values().stream().filter(m -> m.userId().equals(user))
                .sorted(java.util.Comparator.comparing(Membership::createdAt)).toList());
    }

    private Optional<Membership> find(OrganizationId organization, UserId user) {
        return byId.values().stream().filter(m -> m.organizationId().equals(organization) && m.userId().equals(user)).findFirst();
    }

    @Override
    public long countWithRole(OrganizationId organization, Role role) {
        return tx.read(() -> byId.values().stream().filter(m -> m.organizationId().equals(organization) && m.role() == role).count());
    }

    @Override
    public Page<Membership> list(OrganizationId organization, ListQuery q) {
        return tx.read(() -> {
            List<Membership> matching = byId.values().stream()
                    .filter(m -> m.organizationId().equals(organization))
                    .filter(m -> q.matchesTimes(m.createdAt(), m.updatedAt()))
                    .filter(m -> q.status() == null || m.role().relation().equals(q.status()))
                    .sorted(MemorySort.comparator(q.page().sort(), Map.of(
                                    "created_at", Comparator.comparing(Membership::createdAt),
                                    "updated_at", Comparator.comparing(Membership::updatedAt),
                                    "role", Comparator.comparing((Membership m) -> m.role().relation())),
                            Comparator.comparing(Membership::createdAt),
                            Comparator.comparing((Membership m) -> m.id().value(), MemorySort.UUID_ORDER)))
                    .toList();
            return MemorySort.page(matching, q.page());
        });
    }
}
