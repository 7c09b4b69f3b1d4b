package dev.gatehouse.core.tokens;

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

class InstanceKeyRingTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemorySigningKeys keys = new MemorySigningKeys(tx);
    private final SecretSealer sealer = SecretSealer.ephemeral();

    private InstanceKeyRing ensure(SecretSealer with) {
        return new InstanceKeyRing(keys, sealing(with), tx);
    }

    private KeySealing sealing(SecretSealer with) {
        return new KeySealing(with, clock, new SecureIdGenerator(clock));
    }

    @Test
    void storesTheSessionKeySealedAndReadsItBack() throws Exception {
        InstanceKeyRing ensure = ensure(sealer);
        SigningKey key = ensure.current().key();
        byte[] stored = keys.of(KeyOwner.instance()).get(0).privateKey();
        assertThat(stored[0]).isNotEqualTo((byte) 0x30);
        byte[] pkcs8 = sealing(sealer).open(key).orElseThrow();
        assertThat(ensure.current().privateKey().pkcs8()).isEqualTo(pkcs8);
        assertThat(pkcs8[0]).isEqualTo((byte) 0x30);
        assertThat(java.util.Collections.indexOfSubList(bytes(stored), bytes(pkcs8))).isEqualTo(-1);
        assertThat(java.security.KeyFactory.getInstance("Ed25519")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8))).isNotNull();
        assertThat(ensure.current().key()).isEqualTo(key);
    }

    @Test
    void stillReadsAPlainRowWrittenBeforeSealing() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SigningKey legacy = new SigningKey(new SigningKeyId(UUID.randomUUID()), KeyOwner.instance(), SigningAlgorithm.EDDSA,
                pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), clock.instant(), null);
        keys.add(legacy);
        InstanceKeyRing ensure = ensure(sealer);
        assertThat(ensure.current().key()).isEqualTo(legacy);
        assertThat(sealing(sealer).open(legacy)).hasValueSatisfying(v -> assertThat(v).isEqualTo(pair.getPrivate().getEncoded()));
    }

    @Test
    void aKeyUnderAnotherMasterKeyIsSkippedNotReplacedAndOnlyOneIsAdded() {
        SigningKey foreign = ensure(SecretSealer.ephemeral()).current().key();
        clock.advance(Duration.ofSeconds(1));
        InstanceKeyRing ensure = ensure(sealer);
        SigningKey mine = ensure.current().key();
        assertThat(mine).isNotEqualTo(foreign);
        assertThat(sealing(sealer).open(foreign)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ensure.current().key()).isEqualTo(mine);
        assertThat(ensure.published()).containsExactly(foreign, mine);
        assertThat(ensure.published()).allMatch(SigningKey::active);
    }

    private static java.util.List<Byte> bytes(byte[] b) {
        java.util.List<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
