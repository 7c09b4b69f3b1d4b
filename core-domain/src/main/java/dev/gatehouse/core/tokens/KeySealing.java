package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.crypto.SecretSealer;

import java.security.KeyPair;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes new signing keys with their private part sealed by the {@link SecretSealer} (the key id as
 * context), and opens stored ones. Instance rows written before sealing (ADR 10) hold plain PKCS#8
 * DER, which starts with {@code 0x30} (sealed values start with the version byte {@code 0x01}); they
 * are still read.
 */
public record KeySealing(SecretSealer sealer, Clock clock, IdGenerator ids) {
    private static final byte DER_SEQUENCE = 0x30;

    /** A fresh active key of the owner. */
    public SigningKey generate(KeyOwner owner, SigningAlgorithm algorithm) {
        KeyPair pair = algorithm.generate();
        SigningKeyId id = new SigningKeyId(ids.newId());
        byte[] sealed = sealer.seal(pair.getPrivate().getEncoded(), id.text());
        return new SigningKey(id, owner, algorithm, pair.getPublic().getEncoded(), sealed, clock.instant(), null);
    }

    /** The PKCS#8 DER private key of a stored key, or empty when this instance's master key cannot open it. */
    public Optional<byte[]> open(SigningKey key) {
        byte[] stored = key.privateKey();
        if (stored.length > 0 && stored[0] == DER_SEQUENCE) {
            return Optional.of(stored); // written before private keys were sealed
        }
        return sealer.open(stored, key.id().text());
    }

    /** The key ready to sign with, or empty when it cannot be opened. */
    public Optional<TokenSigner.Key> signer(SigningKey key) {
        return open(key).map(pkcs8 -> new TokenSigner.Key(key.id().text(), key.algorithm(), pkcs8));
    }
}
