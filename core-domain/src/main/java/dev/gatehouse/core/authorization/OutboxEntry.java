package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change in the {@link RelationshipOutbox}: pending until relayed, then kept with the
 * consistency token the authorization engine returned for it.
 *
 * @param sequence         its place in the outbox: changes are relayed in ascending sequence order
 * @param attempts         failed relay attempts so far
 * @param nextAttemptAt    when it may be claimed next (after a failure's backoff, or a claim's lease)
 * @param lastError        what the last failed attempt reported
 * @param relayedAt        when the engine accepted it; empty while pending
 * @param consistencyToken the engine's token for it; present exactly when relayed
 */
public record OutboxEntry(long sequence, RelationshipChange change, Instant createdAt, int attempts,
                          Instant nextAttemptAt, Optional<String> lastError, Optional<Instant> relayedAt,
                          Optional<ConsistencyToken> consistencyToken) {

    public OutboxEntry {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(relayedAt, "relayedAt");
        Objects.requireNonNull(consistencyToken, "consistencyToken");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts are not negative: " + attempts);
        }
        if (relayedAt.isPresent() != consistencyToken.isPresent()) {
            throw new IllegalArgumentException("a relayed entry has a consistency token, a pending one has none");
        }
    }

    /** A new, pending entry, due at once. */
    public static OutboxEntry pending(long sequence, RelationshipChange change, Instant createdAt) {
        return new OutboxEntry(sequence, change, createdAt, 0, createdAt, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean isRelayed() {
        return relayedAt.isPresent();
    }

    public OutboxEntry claimedUntil(Instant leaseEnd) {
        return new OutboxEntry(sequence, change, createdAt, attempts, leaseEnd, lastError, relayedAt, consistencyToken);
    }

    public OutboxEntry relayed(ConsistencyToken token, Instant at) {
        return new OutboxEntry(sequence, change, createdAt, attempts, nextAttemptAt, lastError, Optional.of(at),
                Optional.of(token));
    }

    public OutboxEntry failed(int attemptsSoFar, String error, Instant retryAt) {
        return new OutboxEntry(sequence, change, createdAt, attemptsSoFar, retryAt, Optional.of(error), relayedAt,
                consistencyToken);
    }
}
