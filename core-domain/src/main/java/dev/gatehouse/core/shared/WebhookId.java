package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A webhook endpoint. Text form {@code whk_…}. */
public record WebhookId(UUID value) implements EntityId {
    public static final String PREFIX = "whk";

    public WebhookId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<WebhookId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(WebhookId::new);
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String toString() {
        return text();
    }
}
