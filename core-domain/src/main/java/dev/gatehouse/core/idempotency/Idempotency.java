package dev.gatehouse.core.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Idempotency-Key semantics (Stripe's, as {@code api.md} states them): within 24 h the same key
 * from the same principal with the same method, path and body replays the stored response; another
 * request under the same key is refused; a key whose first request still runs is "in use". Only
 * responses below 500 are stored (except 429): a server failure or throttling leaves the key free
 * for a retry.
 */
public record Idempotency(IdempotencyRecords records, Clock clock) {
    public static final int MAX_KEY_LENGTH = 255;
    public static final Duration RETENTION = Duration.ofHours(24);
    /** How long an unfinished first request holds the key before a retry may take it over. */
    public static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);

    /** What to do with an incoming request that carries a key. */
    public sealed interface Decision permits Proceed, Replay, InProgress, Mismatch {
    }

    /** This request owns the key: run it, then {@link #finish} or {@link #abandon}. */
    public record Proceed(String fingerprint) implements Decision {
    }

    public record Replay(StoredResponse response) implements Decision {
    }

    public record InProgress() implements Decision {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Decision {
    }

    /** The problem with a client's key, if any. */
    public static Optional<String> keyProblem(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.of("must be at most " + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                return Optional.of("must be printable ASCII");
            }
        }
        return Optional.empty();
    }

    public static String fingerprint(String method, String pathAndQuery, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(method.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(pathAndQuery.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(body == null ? new byte[0] : body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Decision begin(String principalId, String key, String fingerprint) {
        var now = clock.instant();
        var fresh = new IdempotencyRecord(principalId, key, fingerprint, null, now, now.plus(CLAIM_TIMEOUT), now.plus(RETENTION));
        Optional<IdempotencyRecord> existing = records.claim(fresh, now);
        if (existing.isEmpty()) {
            return new Proceed(fingerprint);
        }
        IdempotencyRecord r = existing.get();
        if (!r.fingerprint().equals(fingerprint)) {
            return new Mismatch();
        }
        return r.completed() ? new Replay(r.response()) : new InProgress();
    }

    /** Looks again after waiting for an in-progress first request (replay once it has finished). */
    public Decision recheck(String principalId, String key, String fingerprint) {
        return begin(principalId, key, fingerprint);
    }

    public static boolean storable(int status) {
        return status < 500 && status != 429;
    }

    public void finish(String principalId, String key, String fingerprint, StoredResponse response) {
        if (storable(response.status())) {
            records.complete(principalId, key, fingerprint, response);
        } else {
            records.release(principalId, key, fingerprint);
        }
    }

    public void abandon(String principalId, String key, String fingerprint) {
        records.release(principalId, key, fingerprint);
    }

    public int purgeExpired() {
        return records.purgeExpired(clock.instant());
    }
}
