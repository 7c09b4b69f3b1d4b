package dev.gatehouse.core.authorization;

/** SpiceDB's rules for type, relation and object id names, in one place. */
final class Names {
    static final int MAX_ID_BYTES = 1024;

    private Names() {
    }

    /** {@code ([a-z][a-z0-9_]{1,61}[a-z0-9]/)*[a-z][a-z0-9_]{1,62}[a-z0-9]}, without a regex: it is on the hot path. */
    static boolean isType(String s) {
        return isType(s, 63);
    }

    /**
     * A definition's name, which SpiceDB allows 64 characters in the prefix segments too
     * ({@code ([a-z][a-z0-9_]{1,62}[a-z0-9]/)*…}, at most 128 bytes); references to types (allowed
     * subject types, relationships, API requests) keep the 63-character limit of {@link #isType(String)}.
     */
    static boolean isDefinitionName(String s) {
        return isType(s, 64);
    }

    private static boolean isType(String s, int maxPrefixSegment) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            int end = slash < 0 ? s.length() : slash;
            if (!isSegment(s, start, end, slash < 0 ? 64 : maxPrefixSegment)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    /** {@code [a-z][a-z0-9_]{1,62}[a-z0-9]}. */
    static boolean isRelation(String s) {
        return s != null && isSegment(s, 0, s.length(), 64);
    }

    private static boolean isSegment(String s, int start, int end, int maxLength) {
        int length = end - start;
        if (length < 3 || length > maxLength) {
            return false;
        }
        char first = s.charAt(start);
        char last = s.charAt(end - 1);
        if (first < 'a' || first > 'z' || last == '_') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [a-zA-Z0-9/_|\-=+]+} of at most 1024 bytes (all allowed characters are ASCII); the
     * wildcard {@code *} is not an object id (see {@link SubjectRef#WILDCARD}).
     */
    static boolean isObjectId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID_BYTES) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '_' || c == '|' || c == '-' || c == '=' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String requireType(String s) {
        if (!isType(s)) {
            throw new IllegalArgumentException("invalid object type '" + s
                    + "': lowercase letters, digits and '_', 3 to 64 characters per '/'-separated segment");
        }
        return s;
    }

    static String requireRelation(String s) {
        if (!isRelation(s)) {
            throw new IllegalArgumentException("invalid relation name '" + s
                    + "': lowercase letters, digits and '_', 3 to 64 characters, starting with a letter");
        }
        return s;
    }

    static String requireObjectId(String s) {
        if (!isObjectId(s)) {
            throw new IllegalArgumentException("invalid object id '" + abbreviate(s)
                    + "': 1 to 1024 bytes of letters, digits and / _ | - = +");
        }
        return s;
    }

    /** A caveat name in a relationship: SpiceDB's {@code [a-zA-Z0-9_][a-zA-Z0-9/_|-]{0,127}}. */
    static boolean isCaveatName(String s) {
        return s != null && s.matches("[a-zA-Z0-9_][a-zA-Z0-9/_|\\-]{0,127}");
    }

    static String requireCaveat(String s) {
        if (!isCaveatName(s)) {
            throw new IllegalArgumentException("invalid caveat name '" + abbreviate(s) + "'");
        }
        return s;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
