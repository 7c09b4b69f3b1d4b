package dev.gatehouse.core.keys;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemorySigningKeys;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnsureSigningKeyTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemorySigningKeys keys = new MemorySigningKeys(tx);
    private final SecretSealer sealer = SecretSealer.ephemeral();

    private EnsureSigningKey ensure(SecretSealer with) {
        return new EnsureSigningKey(keys, tx, clock, new SecureIdGenerator(clock), with);
    }

    @Test
    void storesTheSessionKeySealedAndReadsItBack() throws Exception {
        EnsureSigningKey ensure = ensure(sealer);
        SigningKey key = ensure.handle();
        byte[] stored = keys.byId(key.id()).orElseThrow().privateKey();
        assertThat(stored[0]).isNotEqualTo((byte) 0x30);
        byte[] pkcs8 = ensure.privateKey(key).orElseThrow();
        assertThat(pkcs8[0]).isEqualTo((byte) 0x30);
        assertThat(java.util.Collections.indexOfSubList(bytes(stored), bytes(pkcs8))).isEqualTo(-1);
        assertThat(java.security.KeyFactory.getInstance("Ed25519")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8))).isNotNull();
        assertThat(ensure.handle()).isEqualTo(key);
    }

    @Test
    void stillReadsAPlainRowWrittenBeforeSealing() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SigningKey legacy = new SigningKey(new SigningKeyId(UUID.randomUUID()), "EdDSA", pair.getPublic().getEncoded(),
                pair.getPrivate().getEncoded(), clock.instant(), null);
        keys.add(legacy);
        EnsureSigningKey ensure = ensure(sealer);
        assertThat(ensure.handle()).isEqualTo(legacy);
        assertThat(ensure.privateKey(legacy)).hasValueSatisfying(v -> assertThat(v).isEqualTo(pair.getPrivate().getEncoded()));
    }

    @Test
    void aKeyUnderAnotherMasterKeyIsSkippedNotReplacedAndOnlyOneIsAdded() {
        SigningKey foreign = ensure(SecretSealer.ephemeral()).handle();
        clock.advance(Duration.ofSeconds(1));
        EnsureSigningKey ensure = ensure(sealer);
        SigningKey mine = ensure.handle();
        assertThat(mine).isNotEqualTo(foreign);
        assertThat(ensure.privateKey(foreign)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ensure.handle()).isEqualTo(mine);
        assertThat(keys.all()).containsExactly(foreign, mine);
        assertThat(keys.all()).allMatch(SigningKey::active);
    }

    private static java.util.List<Byte> bytes(byte[] b) {
        java.util.List<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
