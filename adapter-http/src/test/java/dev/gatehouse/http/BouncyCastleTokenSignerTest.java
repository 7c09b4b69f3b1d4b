package dev.gatehouse.http;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.tokens.AccessTokenVerifier;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.Jose;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.TokenSigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ADR 38: BouncyCastle's Ed25519 signs exactly what the JDK signs, and each verifies the other's tokens. */
class BouncyCastleTokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TokenSigner bc = new BouncyCastleTokenSigner();
    private final TokenSigner jdk = new JdkTokenSigner();
    private final Random random = new Random(38);

    private record Material(SigningKey key, KeyPair pair) {
        TokenSigner.Key signing() {
            return new TokenSigner.Key(key.id().text(), key.algorithm(), pair.getPrivate().getEncoded());
        }
    }

    private static Material material(SigningAlgorithm a) {
        KeyPair pair = a.generate();
        return new Material(new SigningKey(new SigningKeyId(UUID.randomUUID()), KeyOwner.project(new ProjectId(UUID.randomUUID())), a,
                pair.getPublic().getEncoded(), new byte[]{1}, NOW, null), pair);
    }

    private Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "https://gatehouse.test");
        c.put("sub", UUID.randomUUID().toString());
        c.put("scope", "projects:read api-keys:read \u00e9t\u00e9 \"quoted\"");
        c.put("iat", NOW.getEpochSecond());
        c.put("exp", NOW.getEpochSecond() + 1 + random.nextInt(3600));
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    @Test
    void ed25519TokensAreByteForByteTheJdkSignersTokens() {
        for (int k = 0; k < 20; k++) {
            Material m = material(SigningAlgorithm.EDDSA);
            for (int i = 0; i < 5; i++) {
                Map<String, Object> claims = claims();
                String fromBc = bc.sign(m.signing(), claims);
                assertThat(fromBc).isEqualTo(jdk.sign(m.signing(), claims));
            }
        }
    }

    @Test
    void eachVerifiesTheOthersSignatures() throws Exception {
        Material m = material(SigningAlgorithm.EDDSA);
        byte[] publicKey = Jose.unb64(m.key().jwk().x());
        for (TokenSigner signer : List.of(bc, jdk)) {
            String token = signer.sign(m.signing(), claims());
            int dot = token.lastIndexOf('.');
            byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Jose.unb64(token.substring(dot + 1));
            assertThat(Ed25519.verify(signature, 0, publicKey, 0, input, 0, input.length)).as("BouncyCastle verifies").isTrue();
            Signature jdkVerify = Signature.getInstance("Ed25519");
            jdkVerify.initVerify(m.pair().getPublic());
            jdkVerify.update(input);
            assertThat(jdkVerify.verify(signature)).as("the JDK verifies").isTrue();
            input[input.length - 1] ^= 1;
            assertThat(Ed25519.verify(signature, 0, publicKey, 0, input, 0, input.length)).as("a changed claim fails").isFalse();
        }
    }

    @Test
    void theServersVerifierAcceptsItsTokensWithTheirHeader() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Material ed = material(SigningAlgorithm.EDDSA);
        Material ec = material(SigningAlgorithm.ES256);
        AccessTokenVerifier verifier = AccessTokenVerifier.of(List.of(ed.key().jwk(), ec.key().jwk()), clock);
        for (Material m : List.of(ed, ec, ed)) { // the second EdDSA token reuses the prepared key
            Map<String, Object> claims = claims();
            var outcome = verifier.verify(bc.sign(m.signing(), claims));
            assertThat(outcome).isInstanceOf(AccessTokenVerifier.Verified.class);
            var verified = (AccessTokenVerifier.Verified) outcome;
            assertThat(verified.header()).containsEntry("alg", m.key().algorithm().jwsName()).containsEntry("typ", "JWT")
                    .containsEntry("kid", m.key().id().text());
            assertThat(verified.claims()).containsAllEntriesOf(claims);
        }
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedWithoutItsBytesInTheMessage() {
        TokenSigner.Key wrong = new TokenSigner.Key("kid-1", SigningAlgorithm.EDDSA, material(SigningAlgorithm.ES256).signing().pkcs8());
        assertThatThrownBy(() -> bc.sign(wrong, claims())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kid-1").hasMessageNotContaining(java.util.HexFormat.of().formatHex(wrong.pkcs8()));
    }
}
