package dev.gatehouse.core.webhooks;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery stands: {@code pending} (not yet attempted, or queued again by a manual retry or
 * replay), {@code retrying} (failed at least once, another attempt is scheduled), {@code success}
 * (a 2xx), {@code failed} (the schedule ran out, the endpoint answered 410 or was disabled).
 */
public enum DeliveryStatus {
    PENDING, RETRYING, SUCCESS, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> parse(String text) {
        for (DeliveryStatus s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the dispatcher still has to attempt it. */
    public boolean due() {
        return this == PENDING || this == RETRYING;
    }
}
