package dev.gatehouse.core.mail;

import java.time.Duration;

/**
 * How the dispatcher retries: after a failed attempt n (1-based) the next is {@code retryBase × 2^(n-1)},
 * at most {@code retryMax}; after {@code maxAttempts} attempts the mail is {@code failed}. A claimed
 * mail is leased for {@code lease} (longer than an SMTP exchange may take), {@code batch} per claim.
 */
public record MailSettings(int maxAttempts, Duration retryBase, Duration retryMax, Duration lease, int batch) {
    public MailSettings {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("mail max attempts must be 1..100, not " + maxAttempts);
        }
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("mail retry delays must be positive, base ≤ max");
        }
        if (lease.isNegative() || lease.isZero() || batch < 1) {
            throw new IllegalArgumentException("mail lease and batch must be positive");
        }
    }

    /**
     * 8 attempts, 30 s doubling to at most 1 h (30 s, 1, 2, 4, 8, 16, 32 min: about 63 min from the first
     * failure to the last attempt), 5 per claim under a 10 min lease: an SMTP exchange is bounded by its
     * timeouts (10 s each for connecting and for each of about 8 commands), so 5 of them end well within
     * the lease and no other instance takes a mail that is still being sent.
     */
    public static MailSettings defaults() {
        return new MailSettings(8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(10), 5);
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    public Duration delayAfter(int attempt) {
        Duration d = retryBase;
        for (int i = 1; i < attempt && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }
}
