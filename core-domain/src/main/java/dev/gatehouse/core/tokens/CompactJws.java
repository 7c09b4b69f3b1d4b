package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JWS compact serialization (RFC 7515 §7.1) around a signature, for {@link TokenSigner}s: the
 * header {@code {"alg","typ":"JWT","kid"}} and the claims as JSON, each base64url without padding,
 * joined by dots. A signer computes a key's {@link #header} once and reuses it.
 */
public final class CompactJws {
    private CompactJws() {
    }

    /** The encoded header of every token the key signs. */
    public static String header(TokenSigner.Key key) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"alg\":");
        JsonText.write(json, key.algorithm().jwsName());
        json.append(",\"typ\":\"JWT\",\"kid\":");
        JsonText.write(json, key.kid());
        json.append('}');
        return Jose.b64(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code header.claims}: the ASCII text the signature covers. */
    public static String signingInput(String header, Map<String, Object> claims) {
        return header + "." + Jose.b64(JsonText.write(claims).getBytes(StandardCharsets.UTF_8));
    }

    /** The token: the signing input, a dot, the encoded signature. */
    public static String token(String signingInput, byte[] signature) {
        return signingInput + "." + Jose.b64(signature);
    }
}
