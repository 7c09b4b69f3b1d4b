package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.SigningKeyId;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A signing key as stored, whoever owns it ({@link KeyOwner}: the instance or a project): the public
 * key (X.509 SubjectPublicKeyInfo DER) and the private key (PKCS#8 DER) sealed by the
 * {@link dev.gatehouse.core.shared.crypto.SecretSealer} with the key id as context — or, in instance
 * rows written before sealing (ADR 10), plain PKCS#8 DER; {@link KeySealing#open} reads either. The id
 * is the JWK {@code kid}. Active while {@code retiredAt} is null. A retired project key keeps
 * verifying, published in the JWKS, until {@link #verifiesUntil()}: its retirement plus the longest
 * access-token lifetime plus {@link #LEEWAY}; the instance's keys are never retired.
 */
public record SigningKey(SigningKeyId id, KeyOwner owner, SigningAlgorithm algorithm, byte[] publicKey,
                         byte[] privateKey, Instant createdAt, Instant retiredAt) {
    /** The longest lifetime of an access token. */
    public static final Duration MAX_TOKEN_TTL = Duration.ofHours(1);
    /** Clock skew allowance on top of {@link #MAX_TOKEN_TTL} before a retired key leaves the JWKS. */
    public static final Duration LEEWAY = Duration.ofMinutes(5);

    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(createdAt, "createdAt");
        publicKey = publicKey.clone();
        privateKey = privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Sealed (or, in instance rows written before sealing, plain PKCS#8 DER): open it with {@link KeySealing#open}. */
    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    public boolean active() {
        return retiredAt == null;
    }

    public Optional<Instant> verifiesUntil() {
        return Optional.ofNullable(retiredAt).map(r -> r.plus(MAX_TOKEN_TTL).plus(LEEWAY));
    }

    /** {@code active}, {@code retired} (still published) or {@code expired} (no longer published). */
    public String statusAt(Instant now) {
        if (retiredAt == null) {
            return "active";
        }
        return now.isBefore(verifiesUntil().orElseThrow()) ? "retired" : "expired";
    }

    /** Whether the JWKS publishes it at {@code now}. */
    public boolean publishedAt(Instant now) {
        return !"expired".equals(statusAt(now));
    }

    public SigningKey retired(Instant at) {
        return new SigningKey(id, owner, algorithm, publicKey, privateKey, createdAt, at);
    }

    public Jwk jwk() {
        String[] xy = algorithm.coordinates(publicKey);
        return new Jwk(algorithm.kty(), algorithm.crv(), xy[0], xy.length > 1 ? xy[1] : null, id.text(), algorithm.jwsName(), "sig");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.id.equals(id) && k.owner.equals(owner) && k.algorithm == algorithm
                && Arrays.equals(k.publicKey, publicKey) && Arrays.equals(k.privateKey, privateKey)
                && k.createdAt.equals(createdAt) && Objects.equals(k.retiredAt, retiredAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + ", " + owner + ", " + algorithm.jwsName() + ", active=" + active() + "]"; // never the private key
    }
}
