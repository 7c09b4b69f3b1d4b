package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A webhook delivery. Text form {@code dlv_…}. */
public record DeliveryId(UUID value) implements EntityId {
    public static final String PREFIX = "dlv";

    public DeliveryId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<DeliveryId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(DeliveryId::new);
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
