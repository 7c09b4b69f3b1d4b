package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tokens.Jose;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session JWTs: EdDSA (Ed25519) with the instance's newest signing key, {@code kid} = the key id,
 * {@code jti} = the stored session's id ({@code ses_…}; the token itself is never stored).
 * Verification finds the key by {@code kid} among all published keys, so tokens signed before a
 * rotation stay valid until they expire.
 */
@Singleton
final class SessionTokens {
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[" + expiresAt + "]";
        }
    }

    /** What a valid token names: its user and its stored session. */
    record Verified(UserId user, SessionId session) {
    }

    private final Gatehouse gatehouse;
    private final java.time.Clock clock;
    private final HttpSettings settings;
    // Keys never change once created; decoding DER per request would be wasted work.
    private final Map<SigningKeyId, PublicKey> publicKeys = new ConcurrentHashMap<>();

    SessionTokens(Gatehouse gatehouse, HttpSettings settings, java.time.Clock clock) {
        this.gatehouse = gatehouse;
        this.clock = clock;
        this.settings = settings;
    }

    /** The token of a session just started for {@code user} (its expiry is the session's). */
    Issued issue(User user, Session session) {
        SigningKey key = gatehouse.ensureSigningKey().handle();
        Instant now = session.createdAt();
        Instant expires = session.expiresAt();
        String token = Jwts.builder()
                .header().keyId(key.id().text()).and()
                .subject(user.id().text())
                .issuer(settings.issuer())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .id(session.id().text())
                .signWith(privateKey(gatehouse.ensureSigningKey().privateKey(key)
                        .orElseThrow(() -> new IllegalStateException("signing key " + key.id() + " cannot be decrypted"))),
                        Jwts.SIG.EdDSA)
                .compact();
        return new Issued(token, expires);
    }

    /** The user and session a valid, unexpired token of this issuer names; empty for anything else. */
    Optional<Verified> verify(String token) {
        if (!canonical(token)) {
            return Optional.empty();
        }
        try {
            Claims claims = Jwts.parser()
                    .keyLocator(new LocatorAdapter<Key>() {
                        @Override
                        protected Key locate(ProtectedHeader header) {
                            return publicKey(header.getKeyId()).orElseThrow(() -> new JwtException("unknown kid"));
                        }
                    })
                    .requireIssuer(settings.issuer())
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            if (claims.getExpiration() == null) {
                return Optional.empty();
            }
            var user = UserId.parse(claims.getSubject());
            var session = claims.getId() == null ? Optional.<SessionId>empty() : SessionId.parse(claims.getId());
            return user.isPresent() && session.isPresent() ? Optional.of(new Verified(user.get(), session.get())) : Optional.empty();
        } catch (JwtException | IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }

    /**
     * Three segments of canonical unpadded base64url (RFC 7515): no padding, no characters outside
     * the alphabet, unused low bits zero. The JWT library's decoder is lenient; one token has exactly
     * one accepted spelling here.
     */
    static boolean canonical(String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            try {
                if (part.isEmpty() || Jose.unb64(part).length == 0) {
                    return false;
                }
            } catch (Jose.MalformedException e) {
                return false;
            }
        }
        return true;
    }

    Optional<PublicKey> publicKey(String kid) {
        Optional<SigningKeyId> id = SigningKeyId.parse(kid);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        PublicKey cached = publicKeys.get(id.get());
        if (cached != null) {
            return Optional.of(cached);
        }
        return gatehouse.ensureSigningKey().published().stream()
                .filter(k -> k.id().equals(id.get()) && "EdDSA".equals(k.algorithm()))
                .findFirst()
                .map(k -> publicKeys.computeIfAbsent(k.id(), x -> decodePublic(k.publicKey())));
    }

    static PublicKey decodePublic(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is not an Ed25519 public key", e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is not an Ed25519 private key", e);
        }
    }
}
