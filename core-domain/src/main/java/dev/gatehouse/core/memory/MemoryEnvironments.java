package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Environments;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Environments in memory, by id; names are compared lower-cased within a project. */
public final class MemoryEnvironments implements Environments {
    private final MemoryTransactions tx;
    private final Map<EnvironmentId, Environment> byId = new ConcurrentHashMap<>();

    public MemoryEnvironments(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean add(Environment environment) {
        boolean[] added = {false};
        tx.write(() -> {
            String name = environment.name().toLowerCase(Locale.ROOT);
            boolean taken = byId.containsKey(environment.id()) || byId.values().stream()
                    .anyMatch(e -> e.projectId().equals(environment.projectId()) && e.name().toLowerCase(Locale.ROOT).equals(name));
            if (!taken) {
                byId.put(environment.id(), environment);
                added[0] = true;
            }
        }, () -> {
            if (added[0]) {
                byId.remove(environment.id());
            }
        });
        return added[0];
    }

    @Override
    public Optional<Environment> byId(EnvironmentId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<Environment> ofProject(ProjectId project) {
        return tx.read(() -> byId.values().stream()
                .filter(e -> e.projectId().equals(project))
                .sorted(Comparator.comparing(Environment::createdAt).thenComparing(Environment::name))
                .toList());
    }

    @Override
    public void remove(EnvironmentId id) {
        Environment[] before = {null};
        tx.write(() -> before[0] = byId.remove(id), () -> {
            if (before[0] != null) {
                byId.put(id, before[0]);
            }
        });
    }

    @Override
    public int removeAllOf(ProjectId project) {
        List<Environment> gone = ofProject(project);
        gone.forEach(e -> remove(e.id()));
        return gone.size();
    }
}
