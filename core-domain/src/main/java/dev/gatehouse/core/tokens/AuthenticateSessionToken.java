package dev.gatehouse.core.tokens;

import dev.gatehouse.core.identity.AuthenticateSession;
import dev.gatehouse.core.sessions.SessionCache;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.Principal;

import java.util.Optional;

/**
 * Session authentication, the counterpart of API-key authentication: the principal a session token
 * stands for. The token must verify ({@link VerifySessionToken}), the stored session it names must be
 * live ({@link UserSessions#check}: not ended, revoked or expired) and its user active
 * ({@link AuthenticateSession}). A token that passed is answered from {@link UserSessions#cache()}
 * until the earliest of its expiry, its session's and the cache's TTL (ADR 0042): no signature check
 * and no read of the session or the user; its last use is still written once a minute. Logout, a
 * revoked session and a deactivated user drop the user's entries at once on this instance and, through
 * the stores' announcements, on the others (within {@link SessionCache#TTL} should one be lost).
 */
public record AuthenticateSessionToken(VerifySessionToken verify, UserSessions sessions, AuthenticateSession users) {
    public Optional<Principal.User> handle(String token) {
        SessionCache cache = sessions.cache();
        Optional<SessionCache.Entry> hit = cache.get(token);
        if (hit.isPresent()) {
            SessionCache.Entry e = hit.get();
            var now = sessions.clock().instant();
            if (sessions.touchIfDue(e.session(), e.lastSeenAt(), now)) {
                cache.seen(token, e, now);
            }
            return Optional.of(e.principal());
        }
        Optional<VerifySessionToken.Checked> checked = verify.check(token);
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        var v = checked.get().verified();
        return cache.load(token, checked.get().expiresAt(), () -> sessions.check(v.session(), v.user())
                        .flatMap(s -> users.handle(v.user()).map(p -> new SessionCache.Entry(p, s.id(), s.expiresAt(), s.lastSeenAt()))))
                .map(SessionCache.Entry::principal);
    }
}
