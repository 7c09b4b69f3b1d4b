package dev.gatehouse.core.memory;

import dev.gatehouse.core.roles.CustomRole;
import dev.gatehouse.core.roles.RoleAssignment;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Custom roles and role assignments in memory. */
public final class MemoryRoles implements Roles {
    private final MemoryTransactions tx;
    private final Map<RoleId, CustomRole> roles = new ConcurrentHashMap<>();
    private final Map<RoleAssignmentId, RoleAssignment> assignments = new ConcurrentHashMap<>();

    public MemoryRoles(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean add(CustomRole role) {
        boolean[] added = {false};
        tx.write(() -> {
            String name = role.name().toLowerCase(Locale.ROOT);
            boolean taken = roles.values().stream().anyMatch(r -> r.organizationId().equals(role.organizationId())
                    && r.name().toLowerCase(Locale.ROOT).equals(name));
            if (!taken && roles.putIfAbsent(role.id(), role) == null) {
                added[0] = true;
            }
        }, () -> {
            if (added[0]) {
                roles.remove(role.id(), role);
            }
        });
        return added[0];
    }

    @Override
    public Optional<CustomRole> byId(RoleId id) {
        return tx.read(() -> Optional.ofNullable(roles.get(id)));
    }

    @Override
    public Optional<CustomRole> lockById(RoleId id) {
        return byId(id); // memory transactions are serial
    }

    @Override
    public void update(CustomRole role) {
        CustomRole before = roles.get(role.id());
        if (before != null) {
            tx.write(() -> roles.put(role.id(), role), () -> roles.put(before.id(), before));
        }
    }

    @Override
    public void remove(RoleId id) {
        CustomRole role = roles.get(id);
        if (role == null) {
            return;
        }
        List<RoleAssignment> of = assignmentsOf(id);
        tx.write(() -> {
            roles.remove(id);
            of.forEach(a -> assignments.remove(a.id()));
        }, () -> {
            roles.put(id, role);
            of.forEach(a -> assignments.put(a.id(), a));
        });
    }

    @Override
    public List<CustomRole> ofOrganization(OrganizationId organization) {
        return tx.read(() -> roles.values().stream().filter(r -> r.organizationId().equals(organization))
                .sorted(Comparator.comparing(CustomRole::name).thenComparing(r -> r.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }

    @Override
    public boolean addAssignment(RoleAssignment a) {
        boolean[] added = {false};
        tx.write(() -> {
            boolean taken = assignments.values().stream().anyMatch(x -> x.roleKey().equals(a.roleKey())
                    && x.userId().equals(a.userId()) && x.resource().equals(a.resource()));
            if (!taken && assignments.putIfAbsent(a.id(), a) == null) {
                added[0] = true;
            }
        }, () -> {
            if (added[0]) {
                assignments.remove(a.id(), a);
            }
        });
        return added[0];
    }

    @Override
    public Optional<RoleAssignment> assignmentById(RoleAssignmentId id) {
        return tx.read(() -> Optional.ofNullable(assignments.get(id)));
    }

    @Override
    public void removeAssignment(RoleAssignmentId id) {
        RoleAssignment a = assignments.get(id);
        if (a != null) {
            tx.write(() -> assignments.remove(id), () -> assignments.put(id, a));
        }
    }

    @Override
    public List<RoleAssignment> assignmentsOf(RoleId role) {
        return tx.read(() -> assignments.values().stream().filter(a -> role.equals(a.customRole()))
                .sorted(Comparator.comparing(RoleAssignment::createdAt).thenComparing(a -> a.id().value(), MemorySort.UUID_ORDER))
                .toList());
    }

    @Override
    public Page<RoleAssignment> assignments(OrganizationId organization, AssignmentFilter f, PageRequest page) {
        return tx.read(() -> MemorySort.page(assignments.values().stream()
                .filter(a -> a.organizationId().equals(organization))
                .filter(a -> f.user() == null || a.userId().equals(f.user()))
                .filter(a -> f.role() == null || a.roleKey().equals(f.role()))
                .filter(a -> f.resource() == null || a.resource().equals(f.resource()))
                .sorted(Comparator.comparing(RoleAssignment::createdAt).reversed()
                        .thenComparing(a -> a.id().value(), MemorySort.UUID_ORDER))
                .toList(), page));
    }
}
