package dev.gatehouse.core.authorization;

import java.util.Optional;

/**
 * One assertion of a validation file: {@code resource#permission@subject}, expected to hold
 * ({@code assertTrue}), not to hold ({@code assertFalse}) or to hold conditionally
 * ({@code assertCaveated}), optionally {@code with {caveat context}}.
 */
public record Assertion(Expectation expectation, ObjectRef resource, String permission, SubjectRef subject,
                        Optional<String> caveatContext) {

    public enum Expectation {
        TRUE("assertTrue"), FALSE("assertFalse"), CAVEATED("assertCaveated");

        private final String key;

        Expectation(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Parses {@code type:id#permission@type:id[#relation][ with {context}]}. */
    public static Assertion parse(Expectation expectation, String text) {
        String s = text.strip();
        Optional<String> context = Optional.empty();
        int with = s.indexOf(" with ");
        if (with >= 0) {
            context = Optional.of(s.substring(with + " with ".length()).strip());
            s = s.substring(0, with).strip();
        }
        int at = s.indexOf('@');
        int hash = at < 0 ? -1 : s.lastIndexOf('#', at);
        if (at < 0 || hash < 0) {
            throw new IllegalArgumentException("expected resource#permission@subject, found '" + Names.abbreviate(s) + "'");
        }
        return new Assertion(expectation, ObjectRef.parse(s.substring(0, hash)), s.substring(hash + 1, at),
                SubjectRef.parse(s.substring(at + 1)), context);
    }

    @Override
    public String toString() {
        return resource + "#" + permission + "@" + subject + caveatContext.map(c -> " with " + c).orElse("");
    }
}
