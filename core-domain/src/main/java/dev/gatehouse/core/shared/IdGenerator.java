package dev.gatehouse.core.shared;

import java.util.UUID;

/**
 * Ids and secrets: the one place the domain gets randomness from, so tests can make it
 * deterministic. {@link SecureIdGenerator} is the production implementation.
 */
public interface IdGenerator {
    /** A new time-ordered id (UUIDv7 in production). */
    UUID newId();

    /** {@code count} bytes from a cryptographically secure source. */
    byte[] randomBytes(int count);

    /** A random string of {@code length} characters from [0-9A-Za-z], uniformly distributed. */
    default String randomBase62(int length) {
        final String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            for (byte b : randomBytes(length * 2)) {
                int v = b & 0xff;
                if (v < 248) { // 248 = 4 * 62: reject the rest to avoid modulo bias
                    out.append(alphabet.charAt(v % 62));
                    if (out.length() == length) {
                        break;
                    }
                }
            }
        }
        return out.toString();
    }
}
