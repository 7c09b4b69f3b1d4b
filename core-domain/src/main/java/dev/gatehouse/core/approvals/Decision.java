package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** One approver's vote in one stage (0-based), with the comment (approval) or reason (rejection). */
public record Decision(int stage, UserId approver, Verdict verdict, String comment, Instant decidedAt) {
    public enum Verdict {
        APPROVED, REJECTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Verdict parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public Decision {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
