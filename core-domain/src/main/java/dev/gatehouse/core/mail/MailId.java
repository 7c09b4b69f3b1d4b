package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.EntityId;
import dev.gatehouse.core.shared.TypeId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A mail in the outbox. Text form {@code mail_…}; UUIDv7, so id order is enqueue order. */
public record MailId(UUID value) implements EntityId {
    public static final String PREFIX = "mail";

    public MailId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; empty for a wrong prefix or shape (never an exception). */
    public static Optional<MailId> parse(String text) {
        return TypeId.decode(PREFIX, text).map(MailId::new);
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
