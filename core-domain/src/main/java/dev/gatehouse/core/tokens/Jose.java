package dev.gatehouse.core.tokens;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JOSE plumbing the JDK lacks: unpadded base64url, a strict JSON reader and writer for
 * headers, claims and JWK sets (objects, arrays, strings, numbers, booleans, null; no duplicate
 * members, bounded depth), and the conversion between JOSE's raw ECDSA signature ({@code r ‖ s})
 * and the JDK's DER form.
 */
public final class Jose {
    private static final int MAX_DEPTH = 32;

    private Jose() {
    }

    /** Input the reader refuses. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Strict unpadded base64url (RFC 7515 §2), canonical only: unused trailing bits must be zero, so
     * one byte string has exactly one accepted text (the JDK's decoder alone ignores those bits).
     */
    public static byte[] unb64(String text) throws MalformedException {
        if (text == null || text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            throw new MalformedException("not base64url");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("not base64url");
        }
        if (!b64(bytes).equals(text)) {
            throw new MalformedException("not canonical base64url");
        }
        return bytes;
    }

    // ---- JSON ---------------------------------------------------------------------------------

    /** A JSON object; numbers become {@link Long} when integral and in range, else {@link BigDecimal}. */
    public static Map<String, Object> parseObject(String text) throws MalformedException {
        Reader r = new Reader(text);
        r.ws();
        if (!r.peek('{')) {
            throw new MalformedException("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) r.value(0);
        r.ws();
        if (r.pos != text.length()) {
            throw new MalformedException("trailing characters after JSON");
        }
        return value;
    }

    public static String write(Object value) {
        return dev.gatehouse.core.shared.JsonText.write(value);
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) throws MalformedException {
            if (s == null) {
                throw new MalformedException("no JSON");
            }
            this.s = s;
        }

        void ws() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r')) {
                pos++;
            }
        }

        boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c) throws MalformedException {
            if (!peek(c)) {
                throw new MalformedException("expected '" + c + "' at " + pos);
            }
            pos++;
        }

        Object value(int depth) throws MalformedException {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("JSON nested too deeply");
            }
            ws();
            if (pos >= s.length()) {
                throw new MalformedException("unexpected end of JSON");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        pos++;
                        return map;
                    }
                    while (true) {
                        ws();
                        String key = string();
                        ws();
                        expect(':');
                        Object v = value(depth + 1);
                        if (map.containsKey(key)) {
                            throw new MalformedException("duplicate member " + key);
                        }
                        map.put(key, v);
                        ws();
                        if (peek(',')) {
                            pos++;
                            continue;
                        }
                        expect('}');
                        return map;
                    }
                }
                case '[': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        pos++;
                        return list;
                    }
                    while (true) {
                        list.add(value(depth + 1));
                        ws();
                        if (peek(',')) {
                            pos++;
                            continue;
                        }
                        expect(']');
                        return list;
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Object literal(String word, Object value) throws MalformedException {
            if (!s.startsWith(word, pos)) {
                throw new MalformedException("bad literal at " + pos);
            }
            pos += word.length();
            return value;
        }

        private Object number() throws MalformedException {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == digits || (s.charAt(digits) == '0' && pos - digits > 1)) {
                throw new MalformedException("bad number at " + start);
            }
            boolean integral = true;
            if (peek('.')) {
                integral = false;
                pos++;
                int frac = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == frac) {
                    throw new MalformedException("bad number at " + start);
                }
            }
            if (peek('e') || peek('E')) {
                integral = false;
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                int exp = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == exp || pos - exp > 6) {
                    throw new MalformedException("bad number at " + start);
                }
            }
            String text = s.substring(start, pos);
            if (text.length() > 64) {
                throw new MalformedException("number too long");
            }
            BigDecimal d = new BigDecimal(text);
            if (integral && text.length() <= 18) {
                return Long.parseLong(text);
            }
            return d;
        }

        private String string() throws MalformedException {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new MalformedException("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new MalformedException("control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw new MalformedException("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new MalformedException("bad unicode escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new MalformedException("bad unicode escape");
                        }
                        pos += 4;
                    }
                    default -> throw new MalformedException("bad escape");
                }
            }
        }
    }

    // ---- ECDSA signature forms ----------------------------------------------------------------

    /** JOSE {@code r ‖ s} (64 bytes for P-256) to ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    public static byte[] rawToDer(byte[] raw) throws MalformedException {
        if (raw.length != 64) {
            throw new MalformedException("an ES256 signature is 64 bytes");
        }
        byte[] r = derInteger(Arrays.copyOfRange(raw, 0, 32));
        byte[] s = derInteger(Arrays.copyOfRange(raw, 32, 64));
        int len = r.length + s.length;
        byte[] out = new byte[2 + len];
        out[0] = 0x30;
        out[1] = (byte) len; // at most 2 * (2 + 33) = 70 < 128: short form
        System.arraycopy(r, 0, out, 2, r.length);
        System.arraycopy(s, 0, out, 2 + r.length, s.length);
        return out;
    }

    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        boolean pad = (unsigned[start] & 0x80) != 0;
        int len = unsigned.length - start + (pad ? 1 : 0);
        byte[] out = new byte[2 + len];
        out[0] = 0x02;
        out[1] = (byte) len;
        System.arraycopy(unsigned, start, out, 2 + (pad ? 1 : 0), unsigned.length - start);
        return out;
    }

    /** The JDK's DER ECDSA signature to JOSE {@code r ‖ s} with 32-byte halves. */
    public static byte[] derToRaw(byte[] der) {
        // SEQUENCE (0x30), length (short form for P-256), INTEGER r, INTEGER s
        int p = 2;
        if ((der[1] & 0x80) != 0) {
            p += der[1] & 0x7f;
        }
        int rLen = der[p + 1];
        byte[] r = Arrays.copyOfRange(der, p + 2, p + 2 + rLen);
        p = p + 2 + rLen;
        int sLen = der[p + 1];
        byte[] s = Arrays.copyOfRange(der, p + 2, p + 2 + sLen);
        byte[] out = new byte[64];
        byte[] rf = SigningAlgorithm.fixed(r);
        byte[] sf = SigningAlgorithm.fixed(s);
        System.arraycopy(rf, 0, out, 0, 32);
        System.arraycopy(sf, 0, out, 32, 32);
        return out;
    }
}
