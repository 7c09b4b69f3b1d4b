package dev.gatehouse.core.shared;

import java.util.function.Supplier;

/**
 * The unit of work. A use case runs its reads, writes, audit event and outgoing messages inside one
 * call; either all of them persist or none does. An exception thrown by the work rolls back and
 * propagates. A {@link Result.Err} returned by the work also rolls back (a use case that decides to
 * fail after a write must not leave that write behind).
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    /** Read-only work; implementations may use a replica or a cheaper isolation. */
    default <T> T readOnly(Supplier<T> work) {
        return inTransaction(work);
    }

    /**
     * Read-only work that a store answers with one statement (which sees one snapshot by itself):
     * implementations may run it without a transaction of its own (on PostgreSQL: no {@code BEGIN}
     * and {@code COMMIT} round trips). Inside a transaction it joins it.
     */
    default <T> T oneRead(Supplier<T> work) {
        return readOnly(work);
    }
}
