package dev.gatehouse.core.signup;

import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * One verification link of a sign-up: only the SHA-256 of its token is stored. It carries the name and
 * password hash of the sign-up that asked for it, which the account takes when this link is used, so
 * each sign-up's link applies that sign-up's password (never another's). Used once; expires.
 */
public record EmailVerification(String tokenHash, UserId userId, String name, String passwordHash, Instant createdAt,
                                Instant expiresAt, Instant usedAt) {
    public EmailVerification {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public EmailVerification used(Instant at) {
        return new EmailVerification(tokenHash, userId, name, passwordHash, createdAt, expiresAt, at);
    }

    @Override
    public String toString() {
        return "EmailVerification[" + userId + ", expires " + expiresAt + (usedAt == null ? "" : ", used") + "]"; // never the hashes
    }
}
