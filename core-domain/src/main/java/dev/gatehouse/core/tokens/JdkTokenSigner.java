package dev.gatehouse.core.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link TokenSigner} with the JDK alone: Ed25519, or SHA256withECDSA with the signature in JOSE r‖s form. */
public final class JdkTokenSigner implements TokenSigner {
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
            s.initSign(key.algorithm().privateKey(key.pkcs8()));
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
}
