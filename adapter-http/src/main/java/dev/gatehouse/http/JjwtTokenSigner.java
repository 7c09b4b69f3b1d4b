package dev.gatehouse.http;

import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.TokenSigner;
import io.jsonwebtoken.Jwts;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@link TokenSigner}: jjwt, EdDSA (Ed25519) or ES256 (JOSE r‖s signatures), header {@code typ: JWT}, {@code kid}.
 * The parsed private key is kept per {@code kid} (a kid's key never changes; at most {@link #MAX_KEYS}, then it starts over),
 * so a signature does not decode PKCS#8 again (ADR 30).
 */
final class JjwtTokenSigner implements TokenSigner {
    static final int MAX_KEYS = 10_000;

    private final Map<String, PrivateKey> parsed = new ConcurrentHashMap<>();

    @Override
    public String sign(Key key, Map<String, Object> claims) {
        PrivateKey privateKey = parsed.get(key.kid());
        if (privateKey == null) {
            try {
                privateKey = key.algorithm().privateKey(key.pkcs8());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing key " + key.kid() + " is not a valid " + key.algorithm().jwsName() + " key", e);
            }
            if (parsed.size() >= MAX_KEYS) {
                parsed.clear();
            }
            parsed.put(key.kid(), privateKey);
        }
        var builder = Jwts.builder().header().keyId(key.kid()).type("JWT").and().claims(claims);
        return key.algorithm() == SigningAlgorithm.EDDSA
                ? builder.signWith(privateKey, Jwts.SIG.EdDSA).compact()
                : builder.signWith(privateKey, Jwts.SIG.ES256).compact();
    }
}
