package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.IdGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret of an invitation link: {@value #LENGTH} random base62 characters (about 238 bits),
 * shown once; only its SHA-256 (hex) is stored, so a database reader cannot accept invitations.
 */
public final class InvitationToken {
    public static final int LENGTH = 40;

    private InvitationToken() {
    }

    public static String generate(IdGenerator ids) {
        return ids.randomBase62(LENGTH);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Whether the text could be a token at all (cheap rejection before hashing and a lookup). */
    public static boolean plausible(String text) {
        return text != null && text.length() == LENGTH && text.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }
}
