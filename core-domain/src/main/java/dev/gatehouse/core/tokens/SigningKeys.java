package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;

import java.time.Instant;
import java.util.List;

/**
 * The signing keys of the instance and of projects, in one store. A store keeps at most one active
 * key per project and refuses a second one (PostgreSQL: a partial unique index); the instance may
 * have several. Writers call {@link #lock} first, so two transactions creating or rotating an
 * owner's key take turns instead of colliding.
 */
public interface SigningKeys {
    /**
     * Serializes changes to the owner's keys: the calling transaction holds the lock until it ends,
     * and later reads in it see what a previous holder committed.
     */
    void lock(KeyOwner owner);

    /**
     * Adds a key; fails (an exception) when its id exists, or when it is an active project key and the
     * project already has an active key.
     */
    void add(SigningKey key);

    /** Marks the key retired at {@code at}; false when it is not an active key. */
    boolean retire(SigningKeyId id, Instant at);

    /** Every key of the owner, oldest first. */
    List<SigningKey> of(KeyOwner owner);

    /** Deletes every key of the project; returns how many. */
    int removeAllOf(ProjectId project);
}
