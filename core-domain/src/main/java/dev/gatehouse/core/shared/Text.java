package dev.gatehouse.core.shared;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What text Gatehouse accepts from callers: no control characters (C0, DEL, C1; NUL among them,
 * which PostgreSQL cannot store) and no unpaired surrogates. Multi-line fields (descriptions,
 * reasons, comments) may hold tab, line feed and carriage return. Checked in the core so every
 * store, and every embedder, refuses the same input.
 */
public final class Text {
    public static final String CONTROL = "must not contain control characters";
    public static final String CONTROL_MULTI_LINE = "must not contain control characters other than tab and line breaks";
    public static final String UNPAIRED = "must be valid Unicode text";

    private Text() {
    }

    /** The problem with a single-line text (a name, an email, a filter, an identifier), if any; null is fine. */
    public static Optional<String> singleLineProblem(String text) {
        return problem(text, false);
    }

    /** The problem with a multi-line text (a description, a reason, a comment), if any; null is fine. */
    public static Optional<String> multiLineProblem(String text) {
        return problem(text, true);
    }

    private static Optional<String> problem(String text, boolean multiLine) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(UNPAIRED);
            } else if (Character.getType(c) == Character.CONTROL
                    && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return Optional.of(multiLine ? CONTROL_MULTI_LINE : CONTROL);
            }
        }
        return Optional.empty();
    }

    /**
     * The text with every control character written as an escape ({@code \r}, {@code \n},
     * {@code \t}, else {@code \}{@code uXXXX}), for a log line: input cannot start a forged line.
     */
    public static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) != Character.CONTROL && c != '\u2028' && c != '\u2029') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The problem with free-form JSON-like data (maps, lists, strings, numbers, booleans), if any:
     * every key and every string must be single-line text, at any depth.
     */
    public static Optional<String> dataProblem(Object value) {
        if (value instanceof String s) {
            return singleLineProblem(s);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Optional<String> p = dataProblem(e.getKey());
                if (p.isEmpty()) {
                    p = dataProblem(e.getValue());
                }
                if (p.isPresent()) {
                    return p;
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                Optional<String> p = dataProblem(item);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }
}
