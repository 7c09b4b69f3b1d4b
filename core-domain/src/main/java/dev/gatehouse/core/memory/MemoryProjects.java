package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Projects in memory, by id. */
public final class MemoryProjects implements Projects {
    private final MemoryTransactions tx;
    private final Map<ProjectId, Project> byId = new ConcurrentHashMap<>();

    public MemoryProjects(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Project project) {
        tx.write(() -> {
            if (byId.putIfAbsent(project.id(), project) != null) {
                throw new IllegalStateException("project " + project.id() + " exists");
            }
        }, () -> byId.remove(project.id(), project));
    }

    @Override
    public void update(Project project) {
        Project[] before = {null};
        tx.write(() -> before[0] = byId.replace(project.id(), project), () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public Optional<Project> byId(ProjectId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    private static final MemoryListing<Project> LISTING = new MemoryListing<>(Project::createdAt, Project::updatedAt,
            p -> p.id().value(), List.of(Project::name, Project::description),
            Map.of("created_at", Comparator.comparing(Project::createdAt),
                    "updated_at", Comparator.comparing(Project::updatedAt),
                    "name", Comparator.comparing(Project::name)),
            Comparator.comparing(Project::createdAt).reversed());

    @Override
    public Page<Project> list(Scope scope, ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), p -> p.deleted() == scope.deleted()
                && (scope.only() == null || scope.only().contains(p.id()))
                && (scope.organization() == null || scope.organization().equals(p.organizationId())), q));
    }

    @Override
    public List<Project> deletedBefore(Instant cutoff, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(p -> p.deleted() && p.deletedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Project::deletedAt)
                        .thenComparing((Project p) -> p.id().value(), MemorySort.UUID_ORDER))
                .limit(limit)
                .toList());
    }

    @Override
    public void remove(ProjectId id) {
        Project[] before = {null};
        tx.write(() -> before[0] = byId.remove(id), () -> {
            if (before[0] != null) {
                byId.put(id, before[0]);
            }
        });
    }
}
