package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.Transactions;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The instance's signing keys, which sign session tokens. {@link #current} is the newest active key
 * whose private key this instance can open, an Ed25519 key being generated when there is none. A key
 * sealed under another master key is skipped, not replaced: it stays published and verifies its
 * tokens. Two instances starting together take turns (the store's lock); with the same master key
 * the second uses the first's key.
 */
public final class InstanceKeyRing {
    private final SigningKeys keys;
    private final KeySealing sealing;
    private final Transactions tx;

    public InstanceKeyRing(SigningKeys keys, KeySealing sealing, Transactions tx) {
        this.keys = keys;
        this.sealing = sealing;
        this.tx = tx;
    }

    /** The key session tokens are signed with now, and its opened private part. */
    public Signing current() {
        return tx.inTransaction(() -> usable().orElseGet(() -> {
            keys.lock(KeyOwner.instance());
            return usable().orElseGet(() -> {
                SigningKey created = sealing.generate(KeyOwner.instance(), SigningAlgorithm.EDDSA);
                keys.add(created);
                return new Signing(created, sealing.signer(created).orElseThrow());
            });
        }));
    }

    /** Every key of the instance (public parts are what callers use), oldest first. */
    public List<SigningKey> published() {
        return tx.readOnly(() -> keys.of(KeyOwner.instance()));
    }

    private Optional<Signing> usable() {
        return keys.of(KeyOwner.instance()).stream()
                .filter(SigningKey::active)
                .sorted(Comparator.comparing(SigningKey::createdAt).reversed())
                .flatMap(k -> sealing.signer(k).map(pk -> new Signing(k, pk)).stream())
                .findFirst();
    }

    /** A stored key with its private part, ready to sign. */
    public record Signing(SigningKey key, TokenSigner.Key privateKey) {
    }
}
