package dev.gatehouse.core.tokens;

import java.util.Map;
import java.util.Objects;

/**
 * Signs a JWT (compact JWS) with a signing key. The header is {@code alg} (the key's algorithm),
 * {@code typ: JWT} and {@code kid}; the claims are given. The core's
 * {@link JdkTokenSigner} signs session and access tokens alike (ADR 31); embedders may plug in another.
 */
public interface TokenSigner {
    /** A decrypted private key for one signature. */
    record Key(String kid, SigningAlgorithm algorithm, byte[] pkcs8) {
        public Key {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            pkcs8 = pkcs8.clone();
        }

        @Override
        public byte[] pkcs8() {
            return pkcs8.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kid.equals(kid);
        }

        @Override
        public int hashCode() {
            return kid.hashCode();
        }

        @Override
        public String toString() {
            return "Key[" + kid + ", " + algorithm.jwsName() + "]"; // never the private key
        }
    }

    /** The compact token; claims are strings, numbers or lists of strings. */
    String sign(Key key, Map<String, Object> claims);
}
