package dev.gatehouse.core.mail;

import java.util.Locale;
import java.util.Optional;

/** Where a queued mail stands: waiting for its first attempt, waiting for a retry, handed over, given up. */
public enum MailStatus {
    PENDING, RETRYING, SENT, FAILED;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailStatus> parse(String text) {
        for (MailStatus s : values()) {
            if (s.text().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the dispatcher still has work to do on it. */
    public boolean open() {
        return this == PENDING || this == RETRYING;
    }
}
