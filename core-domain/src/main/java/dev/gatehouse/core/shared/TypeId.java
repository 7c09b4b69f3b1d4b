package dev.gatehouse.core.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Text form of typed ids: {@code prefix_} followed by the 128-bit UUID in 26 lower-case Crockford
 * base32 characters (the TypeID encoding). UUIDv7 values sort by creation time, and so do their
 * encodings. Parsing never throws: a malformed or wrongly prefixed id is simply absent, which the
 * HTTP adapter turns into a 404.
 */
public final class TypeId {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int[] DECODE = new int[128];
    private static final Pattern PREFIX = Pattern.compile("[a-z]{2,8}");

    static {
        java.util.Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
        }
    }

    private TypeId() {
    }

    public static String encode(String prefix, UUID uuid) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("bad id prefix: " + prefix);
        }
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        char[] out = new char[26];
        // 130 bits of room for 128 bits of value: the first character carries 3 bits.
        for (int i = 25; i >= 0; i--) {
            int digit = (int) (lo & 31);
            lo = (lo >>> 5) | (hi << 59);
            hi = hi >>> 5;
            out[i] = ALPHABET[digit];
        }
        return prefix + "_" + new String(out);
    }

    public static Optional<UUID> decode(String prefix, String text) {
        if (text == null || text.length() != prefix.length() + 27 || !text.startsWith(prefix)
                || text.charAt(prefix.length()) != '_') {
            return Optional.empty();
        }
        int start = prefix.length() + 1;
        if (text.charAt(start) > '7') {
            return Optional.empty();
        }
        long hi = 0;
        long lo = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                return Optional.empty();
            }
            hi = (hi << 5) | (lo >>> 59);
            lo = (lo << 5) | v;
        }
        return Optional.of(new UUID(hi, lo));
    }
}
