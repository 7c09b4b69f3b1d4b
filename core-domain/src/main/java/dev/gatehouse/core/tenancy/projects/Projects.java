package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The projects of every organization, soft-deleted ones included until purged. {@code list} filters
 * by {@link Scope}, the common filters (search matches name or description, case-insensitive) and
 * sorts by {@link #SORTABLE}; the default order is newest first.
 */
public interface Projects {
    Set<String> SORTABLE = Set.of("created_at", "updated_at", "name");

    /**
     * Which projects a list may show.
     *
     * @param only         these ids only, or every project when null (platform admins)
     * @param organization only this organization's, or any when null
     * @param deleted      soft-deleted projects instead of active ones
     */
    record Scope(Set<ProjectId> only, OrganizationId organization, boolean deleted) {
        public Scope {
            only = only == null ? null : Set.copyOf(only);
        }
    }

    void add(Project project);

    /** Replaces the stored project with the same id. */
    void update(Project project);

    /** The project, deleted or not. */
    Optional<Project> byId(ProjectId id);

    Page<Project> list(Scope scope, ListQuery query);

    /** Soft-deleted projects whose {@code deleted_at} is before {@code cutoff}, oldest deletion first. */
    List<Project> deletedBefore(Instant cutoff, int limit);

    /** Removes the project row for good (its environments go first, through {@link Environments}). */
    void remove(ProjectId id);
}
