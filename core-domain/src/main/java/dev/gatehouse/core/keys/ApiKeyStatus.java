package dev.gatehouse.core.keys;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The stored state of an API key. {@code ROTATING} is reserved for rotation with a grace period. */
public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED, ROTATING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiKeyStatus> parse(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
