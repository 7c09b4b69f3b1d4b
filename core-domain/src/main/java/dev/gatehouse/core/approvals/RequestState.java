package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a request stands. Only a pending request takes votes or a cancellation; only an approved one
 * has a grant, which ends at {@code grantExpiresAt} by itself or earlier when revoked.
 */
public sealed interface RequestState {
    String wire();

    /** Waiting in stage {@code stage} (0-based) until {@code expiresAt}. */
    record Pending(int stage, Instant expiresAt) implements RequestState {
        public Pending {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public String wire() {
            return "pending";
        }

        public boolean overdueAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /**
     * Granted at {@code approvedAt} until {@code grantExpiresAt}; {@code revokedAt}/{@code revokedBy} when
     * revoked early; {@code expiryRecorded} once {@code access_grant.expired} has been recorded.
     */
    record Approved(Instant approvedAt, Instant grantExpiresAt, Instant revokedAt, String revokedBy,
                    boolean expiryRecorded) implements RequestState {
        public Approved {
            Objects.requireNonNull(approvedAt, "approvedAt");
            Objects.requireNonNull(grantExpiresAt, "grantExpiresAt");
        }

        public String wire() {
            return "approved";
        }

        /** {@code active}, {@code revoked} or {@code expired}. */
        public String grantStatus(Instant now) {
            if (revokedAt != null) {
                return "revoked";
            }
            return now.isBefore(grantExpiresAt) ? "active" : "expired";
        }
    }

    record Rejected(Instant rejectedAt, UserId rejectedBy) implements RequestState {
        public String wire() {
            return "rejected";
        }
    }

    record Cancelled(Instant cancelledAt) implements RequestState {
        public String wire() {
            return "cancelled";
        }
    }

    record Expired(Instant expiredAt) implements RequestState {
        public String wire() {
            return "expired";
        }
    }
}
