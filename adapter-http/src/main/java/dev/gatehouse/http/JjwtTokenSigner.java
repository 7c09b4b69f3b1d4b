package dev.gatehouse.http;

import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.TokenSigner;
import io.jsonwebtoken.Jwts;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Map;

/** The server's {@link TokenSigner}: jjwt, EdDSA (Ed25519) or ES256 (JOSE r‖s signatures), header {@code typ: JWT}, {@code kid}. */
final class JjwtTokenSigner implements TokenSigner {
    @Override
    public String sign(Key key, Map<String, Object> claims) {
        PrivateKey privateKey;
        try {
            privateKey = key.algorithm().privateKey(key.pkcs8());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " is not a valid " + key.algorithm().jwsName() + " key", e);
        }
        var builder = Jwts.builder().header().keyId(key.kid()).type("JWT").and().claims(claims);
        return key.algorithm() == SigningAlgorithm.EDDSA
                ? builder.signWith(privateKey, Jwts.SIG.EdDSA).compact()
                : builder.signWith(privateKey, Jwts.SIG.ES256).compact();
    }
}
