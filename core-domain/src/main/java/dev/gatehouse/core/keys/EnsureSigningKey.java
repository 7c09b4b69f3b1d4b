package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Returns the newest active signing key whose private key this instance can read, generating an
 * Ed25519 key when there is none. Private keys are stored sealed by the {@link SecretSealer} (the key
 * id as context); rows written before sealing (plain PKCS#8 DER, which starts with {@code 0x30})
 * are still read. A key sealed under another master key is skipped, not replaced: it stays
 * published and verifies its tokens. Two instances starting together may each create one; both
 * are published and either verifies its own tokens.
 */
public final class EnsureSigningKey {
    private static final byte DER_SEQUENCE = 0x30;
    private final SigningKeys keys;
    private final Transactions tx;
    private final Clock clock;
    private final IdGenerator ids;
    private final SecretSealer sealer;

    public EnsureSigningKey(SigningKeys keys, Transactions tx, Clock clock, IdGenerator ids, SecretSealer sealer) {
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.sealer = sealer;
    }

    /** The key as stored: {@link SigningKey#privateKey()} is sealed; read it with {@link #privateKey}. */
    public SigningKey handle() {
        return tx.inTransaction(() -> keys.all().stream()
                .filter(SigningKey::active)
                .filter(k -> privateKey(k).isPresent())
                .max(Comparator.comparing(SigningKey::createdAt))
                .orElseGet(() -> {
                    SigningKey created = generate();
                    keys.add(created);
                    return created;
                }));
    }

    /** Every stored signing key, for the JWKS and for verifying a token's {@code kid} (public parts only are used). */
    public List<SigningKey> published() {
        return tx.readOnly(keys::all);
    }

    /** The PKCS#8 DER private key of a stored key, or empty when this instance's master key cannot open it. */
    public Optional<byte[]> privateKey(SigningKey key) {
        byte[] stored = key.privateKey();
        if (stored.length > 0 && stored[0] == DER_SEQUENCE) {
            return Optional.of(stored); // written before private keys were sealed
        }
        return sealer.open(stored, key.id().text());
    }

    private SigningKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            SigningKeyId id = new SigningKeyId(ids.newId());
            return new SigningKey(id, "EdDSA", pair.getPublic().getEncoded(),
                    sealer.seal(pair.getPrivate().getEncoded(), id.text()), clock.instant(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }
}
