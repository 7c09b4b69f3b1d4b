package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    @Override
    public Page<Project> list(Scope scope, ListQuery q) {
        return tx.read(() -> {
            var search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
            List<Project> matching = byId.values().stream()
                    .filter(p -> p.deleted() == scope.deleted())
                    .filter(p -> scope.only() == null || scope.only().contains(p.id()))
                    .filter(p -> scope.organization() == null || scope.organization().equals(p.organizationId()))
                    .filter(p -> q.matchesTimes(p.createdAt(), p.updatedAt()))
                    .filter(p -> search.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(search.get())
                            || (p.description() != null && p.description().toLowerCase(Locale.ROOT).contains(search.get())))
                    .sorted(MemorySort.comparator(q.page().sort(), Map.of(
                                    "created_at", Comparator.comparing(Project::createdAt),
                                    "updated_at", Comparator.comparing(Project::updatedAt),
                                    "name", Comparator.comparing(Project::name)),
                            Comparator.comparing(Project::createdAt).reversed(),
                            Comparator.comparing((Project p) -> p.id().value(), MemorySort.UUID_ORDER)))
                    .toList();
            return MemorySort.page(matching, q.page());
        });
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
