package dev.gatehouse.core.shared;

import java.util.Map;

/**
 * Compact JSON text from plain values (JDK only): {@code null}, strings, booleans, integral numbers,
 * finite decimals ({@code null} for NaN and infinities), maps (keys as strings, in iteration order)
 * and iterables; anything else is written as its {@code toString()}. Strings escape quotes,
 * backslashes, control characters and U+2028/U+2029. Used for webhook bodies and JOSE headers and
 * claims, which must be byte-for-byte what is signed.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    public static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof java.math.BigInteger) {
            out.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                out.append(v instanceof java.math.BigDecimal b ? b.toPlainString() : String.valueOf(n));
            } else {
                out.append("null");
            }
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, o);
            }
            out.append(']');
        } else {
            string(out, v.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
