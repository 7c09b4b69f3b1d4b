package dev.gatehouse.core.identity;

/**
 * Hashes passwords into self-describing encoded strings (PHC string format) and verifies them in
 * constant time. The server uses Argon2id; {@link Pbkdf2PasswordHasher} is the JDK-only default for
 * embedders.
 */
public interface PasswordHasher {
    String hash(char[] password);

    boolean verify(char[] password, String encoded);

    /** Whether the encoded hash uses weaker parameters than this hasher's, so a login should re-hash. */
    boolean needsRehash(String encoded);
}
