package dev.gatehouse.core.tenancy.projects;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an environment is for. Production environments carry the {@code production} wildcard relationships. */
public enum EnvironmentKind {
    PRODUCTION, STAGING, DEVELOPMENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EnvironmentKind> parse(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> k.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** {@code production, staging, development}, for messages. */
    public static String choices() {
        return String.join(", ", Arrays.stream(values()).map(EnvironmentKind::wire).toList());
    }
}
