package dev.gatehouse.core.signup;

import java.util.Objects;

/**
 * The sign-up feature's driven ports: the verification links. Providers: {@code MemorySignUpStores}
 * (core, in memory) and the PostgreSQL adapter's factory.
 */
public record SignUpStores(EmailVerifications verifications) {
    public SignUpStores {
        Objects.requireNonNull(verifications, "verifications");
    }
}
