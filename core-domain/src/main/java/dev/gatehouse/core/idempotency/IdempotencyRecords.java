package dev.gatehouse.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Stored idempotency keys. {@link #claim} is the one atomic step everything rests on: of N
 * concurrent claims of one key, exactly one wins.
 */
public interface IdempotencyRecords {

    /**
     * Stores {@code fresh} (an in-progress record) unless a record for the same principal and key
     * exists that is not {@linkplain IdempotencyRecord#replaceableAt replaceable} at {@code now}.
     *
     * @return empty when {@code fresh} was stored (the caller owns the key), else the existing record
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord fresh, Instant now);

    /** Attaches the response to the in-progress record with this fingerprint. */
    void complete(String principalId, String key, String fingerprint, StoredResponse response);

    /** Drops an in-progress record with this fingerprint (the request failed; a retry may run again). */
    void release(String principalId, String key, String fingerprint);

    Optional<IdempotencyRecord> find(String principalId, String key);

    /** Deletes records expired at {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
