package dev.gatehouse.core.tokens;

import dev.gatehouse.core.sessions.Session;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token of a session just started: a JWT signed with the instance's current key
 * ({@link InstanceKeyRing#current}, EdDSA), header {@code alg}, {@code typ: JWT}, {@code kid}; claims
 * {@code sub} (the user), {@code iss} (the session issuer), {@code iat}, {@code exp} (the session's
 * expiry) and {@code jti} (the stored session's id; the token itself is never stored).
 */
public record IssueSessionToken(InstanceKeyRing ring, TokenSigner signer, String issuer) {
    public record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[" + expiresAt + "]"; // never the token
        }
    }

    public Issued handle(Session session) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", session.userId().text());
        claims.put("iss", issuer);
        claims.put("iat", session.createdAt().getEpochSecond());
        claims.put("exp", session.expiresAt().getEpochSecond());
        claims.put("jti", session.id().text());
        return new Issued(signer.sign(ring.current().privateKey(), claims), session.expiresAt());
    }
}
