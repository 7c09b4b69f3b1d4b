package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's signing key as stored: the public key (X.509 SubjectPublicKeyInfo DER) and the private
 * key (PKCS#8 DER) sealed by the {@link dev.gatehouse.core.shared.crypto.SecretSealer} with the key id
 * as context. Active while {@code retiredAt} is null (exactly one per project); a retired key keeps
 * verifying, published in the JWKS, until {@link #verifiesUntil()}: its retirement plus the longest
 * token lifetime plus {@link #LEEWAY}.
 */
public record ProjectSigningKey(SigningKeyId id, ProjectId projectId, SigningAlgorithm algorithm, byte[] publicKey,
                                byte[] sealedPrivateKey, Instant createdAt, Instant retiredAt) {
    /** The longest lifetime of an access token. */
    public static final Duration MAX_TOKEN_TTL = Duration.ofHours(1);
    /** Clock skew allowance on top of {@link #MAX_TOKEN_TTL} before a retired key leaves the JWKS. */
    public static final Duration LEEWAY = Duration.ofMinutes(5);

    public ProjectSigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(createdAt, "createdAt");
        publicKey = publicKey.clone();
        sealedPrivateKey = sealedPrivateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
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

    public ProjectSigningKey retired(Instant at) {
        return new ProjectSigningKey(id, projectId, algorithm, publicKey, sealedPrivateKey, createdAt, at);
    }

    public Jwk jwk() {
        String[] xy = algorithm.coordinates(publicKey);
        return new Jwk(algorithm.kty(), algorithm.crv(), xy[0], xy.length > 1 ? xy[1] : null, id.text(), algorithm.jwsName(), "sig");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectSigningKey k && k.id.equals(id) && k.projectId.equals(projectId) && k.algorithm == algorithm
                && Arrays.equals(k.publicKey, publicKey) && Arrays.equals(k.sealedPrivateKey, sealedPrivateKey)
                && k.createdAt.equals(createdAt) && Objects.equals(k.retiredAt, retiredAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ProjectSigningKey[" + id + ", " + projectId + ", " + algorithm.jwsName() + ", active=" + active() + "]";
    }
}
