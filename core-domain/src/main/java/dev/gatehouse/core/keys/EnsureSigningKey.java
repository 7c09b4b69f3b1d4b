package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.Transactions;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Comparator;

/**
 * Returns the newest active signing key, generating an Ed25519 key when there is none. Two instances
 * starting together may each create one; both are published and either verifies its own tokens.
 */
public final class EnsureSigningKey {
    private final SigningKeys keys;
    private final Transactions tx;
    private final Clock clock;
    private final IdGenerator ids;

    public EnsureSigningKey(SigningKeys keys, Transactions tx, Clock clock, IdGenerator ids) {
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    public SigningKey handle() {
        return tx.inTransaction(() -> keys.all().stream()
                .filter(SigningKey::active)
                .max(Comparator.comparing(SigningKey::createdAt))
                .orElseGet(() -> {
                    SigningKey created = generate();
                    keys.add(created);
                    return created;
                }));
    }

    private SigningKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(new SigningKeyId(ids.newId()), "EdDSA", pair.getPublic().getEncoded(),
                    pair.getPrivate().getEncoded(), clock.instant(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }
}
