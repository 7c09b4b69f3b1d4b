package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys of projects. A store keeps at most one active key per project and refuses a
 * second one (PostgreSQL: a partial unique index); writers call {@link #lock} first, so two
 * transactions creating or rotating a project's key take turns instead of colliding.
 */
public interface ProjectSigningKeys {
    /**
     * Serializes changes to the project's keys: the calling transaction holds the lock until it
     * ends, and later reads in it see what a previous holder committed.
     */
    void lock(ProjectId project);

    /** Adds a key; fails (an exception) when it is active and the project already has an active key. */
    void add(ProjectSigningKey key);

    /** Marks the key retired at {@code at}; false when it is not an active key. */
    boolean retire(SigningKeyId id, Instant at);

    Optional<ProjectSigningKey> active(ProjectId project);

    /** Every key of the project, oldest first. */
    List<ProjectSigningKey> ofProject(ProjectId project);

    /** Deletes every key of the project; returns how many. */
    int removeAllOf(ProjectId project);
}
