package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A project of an organization. A soft-deleted project ({@link #deletedAt} set) is invisible to every
 * read and change except {@link RestoreProject}, which may bring it back within {@link #RESTORE_WINDOW};
 * {@link PurgeDeletedProjects} removes it for good afterwards.
 */
public record Project(ProjectId id, OrganizationId organizationId, String name, String description,
                      Instant createdAt, Instant updatedAt, Instant deletedAt) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final Duration RESTORE_WINDOW = Duration.ofDays(30);

    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Project create(ProjectId id, OrganizationId organization, String name, String description, Instant now) {
        return new Project(id, organization, name, description, now, now, null);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Project withDetails(String newName, String newDescription, Instant now) {
        return new Project(id, organizationId, newName, newDescription, createdAt, now, deletedAt);
    }

    public Project softDeleted(Instant now) {
        return new Project(id, organizationId, name, description, createdAt, now, now);
    }

    public Project restored(Instant now) {
        return new Project(id, organizationId, name, description, createdAt, now, null);
    }

    /** When a deleted project can no longer be restored (and becomes due for purging); empty while active. */
    public Optional<Instant> restorableUntil() {
        return Optional.ofNullable(deletedAt).map(d -> d.plus(RESTORE_WINDOW));
    }
}
