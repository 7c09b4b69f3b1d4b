package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.SigningKeyId;

import java.time.Instant;
import java.util.Objects;

/**
 * An asymmetric signing key pair (Ed25519; public key X.509 SubjectPublicKeyInfo DER; private key
 * PKCS#8 DER sealed by the instance's {@code SecretSealer}, or plain in rows written before sealing:
 * {@link EnsureSigningKey#privateKey} reads either).
 * The instance's session tokens are signed with the newest active key; retired keys stay published
 * in the JWKS until tokens they signed have expired.
 */
public record SigningKey(SigningKeyId id, String algorithm, byte[] publicKey, byte[] privateKey,
                         Instant createdAt, Instant retiredAt) {
    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(createdAt, "createdAt");
        publicKey = publicKey.clone();
        privateKey = privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    public boolean active() {
        return retiredAt == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.id.equals(id) && k.algorithm.equals(algorithm)
                && java.util.Arrays.equals(k.publicKey, publicKey) && java.util.Arrays.equals(k.privateKey, privateKey)
                && k.createdAt.equals(createdAt) && Objects.equals(k.retiredAt, retiredAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + ", " + algorithm + ", active=" + active() + "]"; // never the private key
    }
}
