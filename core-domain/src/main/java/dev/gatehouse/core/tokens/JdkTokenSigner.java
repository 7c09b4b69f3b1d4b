package dev.gatehouse.core.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TokenSigner} with the JDK alone: Ed25519, or SHA256withECDSA with the signature in JOSE r‖s
 * form. It signs both session and access tokens (ADR 31). The parsed private key and the encoded
 * header are kept per {@code kid} (a kid's key never changes; at most {@link #MAX_KEYS}, then it starts
 * over), so a signature does not decode PKCS#8 again (ADR 30). JDK 17's Ed25519 costs about half a
 * millisecond of CPU per signature; the server signs with BouncyCastle's instead (ADR 38), with the
 * same bytes.
 */
public final class JdkTokenSigner implements TokenSigner {
    static final int MAX_KEYS = 10_000;

    private record Prepared(PrivateKey privateKey, String header) {
    }

    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    @Override
    public String sign(Key key, Map<String, Object> claims) {
        try {
            Prepared p = prepared(key);
            String input = CompactJws.signingInput(p.header(), claims);
            Signature s = Signature.getInstance(key.algorithm() == SigningAlgorithm.EDDSA ? "Ed25519" : "SHA256withECDSA");
            s.initSign(p.privateKey());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            if (key.algorithm() == SigningAlgorithm.ES256) {
                sig = Jose.derToRaw(sig);
            }
            return CompactJws.token(input, sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with " + key, e);
        }
    }

    private Prepared prepared(Key key) throws GeneralSecurityException {
        Prepared p = prepared.get(key.kid());
        if (p == null) {
            p = new Prepared(key.algorithm().privateKey(key.pkcs8()), CompactJws.header(key));
            if (prepared.size() >= MAX_KEYS) {
                prepared.clear();
            }
            prepared.put(key.kid(), p);
        }
        return p;
    }
}
