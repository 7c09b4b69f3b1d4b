package dev.gatehouse.core.shared.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {
    private static final byte[] SECRET = "the private key bytes".getBytes(StandardCharsets.UTF_8);
    private final SecretSealer sealer = SecretSealer.ephemeral();

    @Test
    void opensWhatItSealedForTheSameContext() {
        byte[] sealed = sealer.seal(SECRET, "sgk_1");
        assertThat(sealed[0]).isEqualTo(SecretSealer.VERSION);
        assertThat(sealed).hasSize(1 + 4 + 12 + SECRET.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
        assertThat(sealer.open(sealed, "sgk_1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(SECRET));
        assertThat(sealer.sealedWithThisKey(sealed)).isTrue();
    }

    @Test
    void sealsWithAFreshNonceEachTime() {
        assertThat(sealer.seal(SECRET, "a")).isNotEqualTo(sealer.seal(SECRET, "a"));
    }

    @Test
    void refusesAnotherContextAnotherKeyTamperingAndJunkWithoutThrowing() {
        byte[] sealed = sealer.seal(SECRET, "sgk_1");
        assertThat(sealer.open(sealed, "sgk_2")).isEmpty();
        SecretSealer other = SecretSealer.ephemeral();
        assertThat(other.open(sealed, "sgk_1")).isEmpty();
        assertThat(other.sealedWithThisKey(sealed)).isFalse();
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThat(sealer.open(tampered, "sgk_1")).as("byte %d flipped", i).isEmpty();
        }
        assertThat(sealer.open(new byte[0], "x")).isEmpty();
        assertThat(sealer.open(null, "x")).isEmpty();
        assertThat(sealer.open(new byte[40], "x")).isEmpty();
        assertThat(sealer.open(java.util.Arrays.copyOf(sealed, sealed.length - 1), "sgk_1")).isEmpty();
    }

    @Test
    void readsAMasterKeyFromBase64AndRefusesOtherLengthsWithoutEchoingIt() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        SecretSealer a = SecretSealer.fromBase64(Base64.getEncoder().encodeToString(raw));
        SecretSealer b = SecretSealer.fromBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
        assertThat(b.open(a.seal(SECRET, "c"), "c")).isPresent();
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretSealer.fromBase64(short16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(short16).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretSealer.fromBase64("not base64 at all!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not base64 at all!");
        assertThat(a.toString()).doesNotContain(Base64.getEncoder().encodeToString(raw));
    }
}
