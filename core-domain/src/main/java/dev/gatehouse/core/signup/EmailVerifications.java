package dev.gatehouse.core.signup;

import java.time.Instant;
import java.util.Optional;

/** The stored verification links (by the SHA-256 of their token). */
public interface EmailVerifications {
    void add(EmailVerification verification);

    Optional<EmailVerification> byTokenHash(String tokenHash);

    /** Marks the link used unless it already is: true for exactly one caller, however many race. */
    boolean markUsed(String tokenHash, Instant at);

    /** Deletes links that expired before {@code before}, used or not; how many. */
    int purgeExpiredBefore(Instant before);
}
