package dev.gatehouse.http;

import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.tokens.AuthenticateSessionToken;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Session JWTs from {@code /api/v1/auth/login}, authenticated by the core
 * ({@link AuthenticateSessionToken}: the token, its stored session and its user, then answered from
 * the session cache for at most 10 s; logout, a revoked session and a deactivated user end it at once
 * on this instance and, announced through the stores, on the others; ADR 0042).
 */
@Singleton
final class SessionAuthenticator implements BearerAuthenticator {
    private final AuthenticateSessionToken authenticate;

    SessionAuthenticator(AuthenticateSessionToken authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public boolean accepts(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return authenticate.handle(token).map(Principal.class::cast);
    }
}
