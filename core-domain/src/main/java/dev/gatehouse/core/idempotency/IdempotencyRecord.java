package dev.gatehouse.core.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * One idempotency key of one principal. {@code fingerprint} identifies the request (method, path,
 * body digest). While {@code response} is null the first request is still running; its claim lapses
 * at {@code lockedUntil} (a crashed instance must not block the key for a day). The record expires
 * at {@code expiresAt} (24 h after creation).
 */
public record IdempotencyRecord(String principalId, String key, String fingerprint, StoredResponse response,
                                Instant createdAt, Instant lockedUntil, Instant expiresAt) {
    public IdempotencyRecord {
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean completed() {
        return response != null;
    }

    /** Whether a new claim may replace this record at {@code now}. */
    public boolean replaceableAt(Instant now) {
        return !expiresAt.isAfter(now) || (!completed() && !lockedUntil.isAfter(now));
    }
}
