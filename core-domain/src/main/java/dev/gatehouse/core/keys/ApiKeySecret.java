package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.IdGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The secret text of an API key: {@code sk_live_} (production environments and organization keys)
 * or {@code sk_test_}, then {@value #RANDOM_LENGTH} base62 random characters (238 bits) and a
 * {@value #CHECKSUM_LENGTH}-character base62 CRC32 of everything before it. The checksum lets a
 * malformed or mistyped key be refused without a storage look-up, and secret scanners recognise the
 * shape. Only {@link #hash()} is ever stored; {@link #toString()} never shows the secret.
 */
public final class ApiKeySecret {
    public static final String LIVE = "sk_live_";
    public static final String TEST = "sk_test_";
    public static final int RANDOM_LENGTH = 40;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = LIVE.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** How many leading characters are shown to people (with an ellipsis). */
    public static final int DISPLAY_LENGTH = 12;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final String text;

    private ApiKeySecret(String text) {
        this.text = text;
    }

    /** A new random key; live for production environments and organization keys. */
    public static ApiKeySecret generate(IdGenerator ids, boolean live) {
        String body = (live ? LIVE : TEST) + ids.randomBase62(RANDOM_LENGTH);
        return new ApiKeySecret(body + checksum(body));
    }

    /** Whether the token looks like an API key at all (its prefix), before any validation. */
    public static boolean hasKeyPrefix(String token) {
        return token != null && (token.startsWith(LIVE) || token.startsWith(TEST));
    }

    /** The key, when {@code text} has the exact shape and a matching checksum; empty otherwise. No storage involved. */
    public static Optional<ApiKeySecret> parse(String text) {
        if (text == null || text.length() != LENGTH || !hasKeyPrefix(text)) {
            return Optional.empty();
        }
        for (int i = LIVE.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(text.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        String body = text.substring(0, LENGTH - CHECKSUM_LENGTH);
        byte[] expected = checksum(body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = text.substring(LENGTH - CHECKSUM_LENGTH).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(new ApiKeySecret(text)) : Optional.empty();
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }

    /** The full key: shown to its creator once, never stored or logged. */
    public String reveal() {
        return text;
    }

    public boolean live() {
        return text.startsWith(LIVE);
    }

    /** SHA-256 of the full key, lower-case hex: the storage look-up key. */
    public String hash() {
        return sha256Hex(text);
    }

    /** The first {@value #DISPLAY_LENGTH} characters and an ellipsis, to tell keys apart in lists. */
    public String displayPrefix() {
        return text.substring(0, DISPLAY_LENGTH) + "…";
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return displayPrefix();
    }
}
