/**
 * Users' sessions: each login (and each sign-up or invitation acceptance that signs in) starts a
 * stored {@link dev.gatehouse.core.sessions.Session} (user, created, last seen, ip, user agent,
 * expiry) whose id is the {@code jti} of the session token. Every request checks its session against
 * the store, so logout, revocation and a user's deactivation (through the lifecycle cascade) take
 * effect at once on every instance. The token itself is never stored.
 */
package dev.gatehouse.core.sessions;
