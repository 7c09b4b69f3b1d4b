package dev.gatehouse.http;

import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * One kind of bearer credential. The authentication filter asks each authenticator that
 * {@linkplain #accepts accepts} a token's shape; session JWTs are handled by
 * {@link SessionAuthenticator}. API keys ({@code sk_live_…}, {@code sk_test_…}) arrive as a second
 * implementation of this interface, with no change to the filter.
 */
interface BearerAuthenticator {
    boolean accepts(String token);

    /** The principal the token stands for now, or empty when the token is invalid, expired or revoked. */
    Optional<Principal> authenticate(String token);
}
