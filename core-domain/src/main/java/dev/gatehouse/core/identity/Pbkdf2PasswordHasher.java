package dev.gatehouse.core.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA512 with 210,000 iterations (OWASP's recommendation), 16-byte salt, 64-byte hash.
 * JDK only, for embedders that bring no Argon2 implementation. Encoded as
 * {@code $pbkdf2-sha512$i=210000$<salt>$<hash>} (unpadded base64).
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {
    private static final String PREFIX = "$pbkdf2-sha512$";
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public Pbkdf2PasswordHasher() {
        this(210_000);
    }

    public Pbkdf2PasswordHasher(int iterations) {
        this.iterations = iterations;
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        var b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "i=" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, 64));
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        try {
            if (encoded == null || !encoded.startsWith(PREFIX)) {
                return false;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$");
            int iters = Integer.parseInt(parts[0].substring(2));
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            return MessageDigest.isEqual(expected, derive(password, salt, iters, expected.length));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encoded) {
        return encoded == null || !encoded.startsWith(PREFIX + "i=" + iterations + "$");
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        try {
            var spec = new PBEKeySpec(password, salt, iterations, length * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable", e);
        }
    }
}
