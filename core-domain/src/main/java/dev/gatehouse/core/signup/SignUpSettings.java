package dev.gatehouse.core.signup;

import dev.gatehouse.core.ratelimit.RateLimitTier;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How people get accounts ({@code GATEHOUSE_SIGNUP}): {@link Mode#INVITE} (the default: invitations and
 * platform admins only) or {@link Mode#OPEN} (self-service sign-up with email verification). A
 * verification link is {@code linkBase} followed by the token and lasts {@code linkTtl} (1 minute to
 * 30 days); one mail per address per {@code mailEvery} at most.
 */
public record SignUpSettings(Mode mode, String linkBase, Duration linkTtl, Duration mailEvery) {
    public static final String DEFAULT_LINK_BASE = "http://localhost:8080/verify-email/";
    public static final Duration DEFAULT_LINK_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_MAIL_EVERY = Duration.ofMinutes(1);
    /**
     * The rate limit of each of the unauthenticated sign-up and verification routes, per client address:
     * 33 at once, then three a minute.
     */
    public static final RateLimitTier RATE_LIMIT = new RateLimitTier("signup", 3, 1000);

    public enum Mode {
        INVITE, OPEN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (Mode m : values()) {
                if (m.wire().equals(t)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    public SignUpSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(linkTtl, "linkTtl");
        Objects.requireNonNull(mailEvery, "mailEvery");
        if (!linkBase.startsWith("http://") && !linkBase.startsWith("https://")) {
            throw new IllegalArgumentException("verification links must be http(s) URLs: " + linkBase);
        }
        if (linkTtl.compareTo(Duration.ofMinutes(1)) < 0 || linkTtl.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("verification links must last 1 minute to 30 days, not " + linkTtl);
        }
        if (mailEvery.isNegative()) {
            throw new IllegalArgumentException("the mail interval must not be negative");
        }
    }

    /** Invitations only; links to a local server, valid 24 h. */
    public static SignUpSettings defaults() {
        return new SignUpSettings(Mode.INVITE, DEFAULT_LINK_BASE, DEFAULT_LINK_TTL, DEFAULT_MAIL_EVERY);
    }

    public String link(String token) {
        return linkBase + token;
    }
}
