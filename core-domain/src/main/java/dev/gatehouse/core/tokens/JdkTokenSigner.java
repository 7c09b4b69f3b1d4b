package dev.gatehouse.core.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TokenSigner} with the JDK alone: Ed25519, or SHA256withECDSA with the signature in JOSE r‖s
 * form. It signs both session and access tokens (ADR 31). The parsed private key is kept per
 * {@code kid} (a kid's key never changes; at most {@link #MAX_KEYS}, then it starts over), so a
 * signature does not decode PKCS#8 again (ADR 30).
 */
public final class JdkTokenSigner implements TokenSigner {
    static final int MAX_KEYS = 10_000;

    private final Map<String, PrivateKey> parsed = new ConcurrentHashMap<>();

    @Override
    public String sign(Key key, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().jwsName());
        header.put("typ", "JWT");
        header.put("kid", key.kid());
        String input = Jose.b64(Jose.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + Jose.b64(Jose.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(key.algorithm() == SigningAlgorithm.EDDSA ? "Ed25519" : "SHA256withECDSA");
            s.initSign(privateKey(key));
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            if (key.algorithm() == SigningAlgorithm.ES256) {
                sig = Jose.derToRaw(sig);
            }
            return input + "." + Jose.b64(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with " + key, e);
        }
    }

    private PrivateKey privateKey(Key key) throws GeneralSecurityException {
        PrivateKey privateKey = parsed.get(key.kid());
        if (privateKey == null) {
            privateKey = key.algorithm().privateKey(key.pkcs8());
            if (parsed.size() >= MAX_KEYS) {
                parsed.clear();
            }
            parsed.put(key.kid(), privateKey);
        }
        return privateKey;
    }
}
