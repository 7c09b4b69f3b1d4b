package dev.gatehouse.core.tokens;

import dev.gatehouse.core.identity.AuthenticateSession;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * Session authentication, the counterpart of API-key authentication: the principal a session token
 * stands for. The token must verify ({@link VerifySessionToken}), the stored session it names must be
 * live ({@link UserSessions#check}: not ended, revoked or expired) and its user active
 * ({@link AuthenticateSession}). Both are read on every request, so logout, a revoked session and a
 * deactivated user end it at once on every instance sharing the stores.
 */
public final class AuthenticateSessionToken {
    private final VerifySessionToken verify;
    private final UserSessions sessions;
    private final AuthenticateSession users;

    public AuthenticateSessionToken(VerifySessionToken verify, UserSessions sessions, AuthenticateSession users) {
        this.verify = verify;
        this.sessions = sessions;
        this.users = users;
    }

    public Optional<Principal.User> handle(String token) {
        return verify.handle(token)
                .filter(v -> sessions.check(v.session(), v.user()).isPresent())
                .flatMap(v -> users.handle(v.user()));
    }
}
