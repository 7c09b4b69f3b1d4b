package dev.gatehouse.core.tokens;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TestClock clock = new TestClock(NOW);
    private final SecretSealer sealer = SecretSealer.ephemeral();
    private final Material ed = material(SigningAlgorithm.EDDSA);
    private final Material ec = material(SigningAlgorithm.ES256);
    private final AccessTokenVerifier verifier = AccessTokenVerifier.of(List.of(ed.jwk(), ec.jwk()), clock);

    private record Material(SigningKey key, KeyPair pair) {
        Jwk jwk() {
            return key.jwk();
        }

        String kid() {
            return key.id().text();
        }

        TokenSigner.Key signing() {
            return new TokenSigner.Key(kid(), key.algorithm(), pair.getPrivate().getEncoded());
        }
    }

    private Material material(SigningAlgorithm a) {
        KeyPair pair = a.generate();
        SigningKeyId id = new SigningKeyId(UUID.randomUUID());
        return new Material(new SigningKey(id, KeyOwner.project(new ProjectId(UUID.randomUUID())), a, pair.getPublic().getEncoded(),
                sealer.seal(pair.getPrivate().getEncoded(), id.text()), NOW, null), pair);
    }

    private static Map<String, Object> claims(long iat, long exp) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "gatehouse");
        c.put("sub", "key_1");
        c.put("scope", "projects:read audit:read");
        c.put("iat", iat);
        c.put("exp", exp);
        return c;
    }

    private static Map<String, Object> validClaims() {
        return claims(NOW.getEpochSecond(), NOW.plusSeconds(900).getEpochSecond());
    }

    private static String b64json(Map<String, Object> m) {
        return Jose.b64(Jose.write(m).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (kid != null) {
            h.put("kid", kid);
        }
        return h;
    }

    /** A token with any header, signed by the given JCA algorithm and key (raw r‖s for ECDSA). */
    private static String forge(Map<String, Object> header, Map<String, Object> claims, String jca, java.security.PrivateKey key)
            throws Exception {
        String input = b64json(header) + "." + b64json(claims);
        Signature s = Signature.getInstance(jca);
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] sig = s.sign();
        if (jca.contains("ECDSA")) {
            sig = Jose.derToRaw(sig);
        }
        return input + "." + Jose.b64(sig);
    }

    private AccessTokenVerifier.Reason reason(String token) {
        AccessTokenVerifier.Outcome o = verifier.verify(token);
        assertThat(o).as("expected a rejection").isInstanceOf(AccessTokenVerifier.Rejected.class);
        return ((AccessTokenVerifier.Rejected) o).reason();
    }

    @Test
    void acceptsEdDsaAndEs256TokensOfTheJdkSigner() {
        for (Material m : List.of(ed, ec)) {
            String token = new JdkTokenSigner().sign(m.signing(), validClaims());
            var outcome = verifier.verify(token);
            assertThat(outcome).isInstanceOf(AccessTokenVerifier.Verified.class);
            var v = (AccessTokenVerifier.Verified) outcome;
            assertThat(v.header()).containsEntry("kid", m.kid()).containsEntry("alg", m.key().algorithm().jwsName())
                    .containsEntry("typ", "JWT");
            assertThat(v.claim("sub")).contains("key_1");
            assertThat(v.scopes()).containsExactly("projects:read", "audit:read");
        }
    }

    @Test
    void readsAJwksDocument() {
        String jwks = Jose.write(Map.of("keys", List.of(ed.jwk().members(), ec.jwk().members(), "junk", Map.of("kty", 1))));
        var fromDoc = AccessTokenVerifier.fromJwks(jwks, clock);
        assertThat(fromDoc.verify(new JdkTokenSigner().sign(ec.signing(), validClaims())).valid()).isTrue();
        assertThat(ec.jwk().members()).containsKeys("kty", "crv", "x", "y", "kid", "alg", "use").containsEntry("kty", "EC");
        assertThat(ed.jwk().members()).containsEntry("crv", "Ed25519").doesNotContainKey("y");
    }

    @Test
    void rejectsAlgNone() {
        String unsigned = b64json(header("none", ed.kid())) + "." + b64json(validClaims()) + ".";
        assertThat(reason(unsigned)).isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);
        Map<String, Object> noAlg = header("x", ed.kid());
        noAlg.remove("alg");
        assertThat(reason(b64json(noAlg) + "." + b64json(validClaims()) + ".AAAA"))
                .isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);
        assertThat(reason(b64json(header("None", ed.kid())) + "." + b64json(validClaims()) + "."))
                .isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyAsSecret() throws Exception {
        for (Material m : List.of(ed, ec)) {
            String input = b64json(header("HS256", m.kid())) + "." + b64json(validClaims());
            for (byte[] secret : List.of(Jose.unb64(m.jwk().x()), m.key().publicKey(),
                    Jose.write(m.jwk().members()).getBytes(StandardCharsets.UTF_8))) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                String token = input + "." + Jose.b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
                assertThat(reason(token)).isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);
            }
        }
    }

    @Test
    void rejectsAnAlgorithmThatDoesNotFitTheKeyOfTheKid() throws Exception {
        // ES256 header naming the Ed25519 key, validly signed by an EC key the attacker holds
        KeyPair attacker = SigningAlgorithm.ES256.generate();
        assertThat(reason(forge(header("ES256", ed.kid()), validClaims(), "SHA256withECDSA", attacker.getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.ALGORITHM_KEY_MISMATCH);
        KeyPair edAttacker = SigningAlgorithm.EDDSA.generate();
        assertThat(reason(forge(header("EdDSA", ec.kid()), validClaims(), "Ed25519", edAttacker.getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.ALGORITHM_KEY_MISMATCH);
        // a JWK whose own alg disagrees with its key type
        Jwk lying = new Jwk("OKP", "Ed25519", ed.jwk().x(), null, "lying", "ES256", "sig");
        var v = AccessTokenVerifier.of(List.of(lying), clock);
        String t = forge(header("EdDSA", "lying"), validClaims(), "Ed25519", ed.pair().getPrivate());
        assertThat(((AccessTokenVerifier.Rejected) v.verify(t)).reason()).isEqualTo(AccessTokenVerifier.Reason.ALGORITHM_KEY_MISMATCH);
    }

    @Test
    void rejectsATamperedPayloadOrSignatureAndAForeignKey() throws Exception {
        String token = new JdkTokenSigner().sign(ed.signing(), validClaims());
        String[] parts = token.split("\\.");
        Map<String, Object> more = validClaims();
        more.put("scope", "projects:read projects:write projects:delete");
        assertThat(reason(parts[0] + "." + b64json(more) + "." + parts[2])).isEqualTo(AccessTokenVerifier.Reason.BAD_SIGNATURE);
        byte[] sig = Jose.unb64(parts[2]);
        sig[5] ^= 1;
        assertThat(reason(parts[0] + "." + parts[1] + "." + Jose.b64(sig))).isEqualTo(AccessTokenVerifier.Reason.BAD_SIGNATURE);
        KeyPair other = SigningAlgorithm.EDDSA.generate();
        assertThat(reason(forge(header("EdDSA", ed.kid()), validClaims(), "Ed25519", other.getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.BAD_SIGNATURE);
        // ES256 with a DER signature instead of JOSE r‖s
        String input = b64json(header("ES256", ec.kid())) + "." + b64json(validClaims());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(ec.pair().getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(reason(input + "." + Jose.b64(s.sign()))).isEqualTo(AccessTokenVerifier.Reason.BAD_SIGNATURE);
    }

    @Test
    void checksExpiryNotBeforeAndIssuedAtWithLeeway() throws Exception {
        String token = new JdkTokenSigner().sign(ed.signing(), validClaims());
        clock.advance(Duration.ofSeconds(900 + 59));
        assertThat(verifier.verify(token).valid()).as("within the leeway").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(reason(token)).isEqualTo(AccessTokenVerifier.Reason.EXPIRED);
        assertThat(verifier.withLeeway(Duration.ZERO).verify(new JdkTokenSigner().sign(ed.signing(),
                claims(NOW.getEpochSecond(), NOW.plusSeconds(900).getEpochSecond()))).valid()).isFalse();

        Map<String, Object> future = claims(clock.instant().plusSeconds(300).getEpochSecond(), clock.instant().plusSeconds(900).getEpochSecond());
        assertThat(reason(new JdkTokenSigner().sign(ed.signing(), future))).isEqualTo(AccessTokenVerifier.Reason.ISSUED_IN_FUTURE);
        Map<String, Object> nbf = claims(clock.instant().getEpochSecond(), clock.instant().plusSeconds(900).getEpochSecond());
        nbf.put("nbf", clock.instant().plusSeconds(120).getEpochSecond());
        assertThat(reason(new JdkTokenSigner().sign(ed.signing(), nbf))).isEqualTo(AccessTokenVerifier.Reason.NOT_YET_VALID);
        Map<String, Object> noExp = claims(clock.instant().getEpochSecond(), 0);
        noExp.remove("exp");
        assertThat(reason(new JdkTokenSigner().sign(ed.signing(), noExp))).isEqualTo(AccessTokenVerifier.Reason.MISSING_EXPIRY);
        Map<String, Object> textExp = claims(clock.instant().getEpochSecond(), 0);
        textExp.put("exp", "tomorrow");
        assertThat(reason(new JdkTokenSigner().sign(ed.signing(), textExp))).isEqualTo(AccessTokenVerifier.Reason.MALFORMED);
    }

    @Test
    void requiresAKnownKidAndTheIssuerWhenAsked() throws Exception {
        assertThat(reason(forge(header("EdDSA", null), validClaims(), "Ed25519", ed.pair().getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.MISSING_KID);
        assertThat(reason(forge(header("EdDSA", "sgk_unknown"), validClaims(), "Ed25519", ed.pair().getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.UNKNOWN_KID);
        Map<String, Object> crit = header("EdDSA", ed.kid());
        crit.put("crit", List.of("exp"));
        assertThat(reason(forge(crit, validClaims(), "Ed25519", ed.pair().getPrivate())))
                .isEqualTo(AccessTokenVerifier.Reason.UNSUPPORTED_ALGORITHM);
        String token = new JdkTokenSigner().sign(ed.signing(), validClaims());
        assertThat(verifier.requiringIssuer("gatehouse").verify(token).valid()).isTrue();
        var wrong = verifier.requiringIssuer("https://other.example").verify(token);
        assertThat(((AccessTokenVerifier.Rejected) wrong).reason()).isEqualTo(AccessTokenVerifier.Reason.WRONG_ISSUER);
    }

    @Test
    void rejectsAnInvalidKeyInTheSet() throws Exception {
        Jwk offCurve = new Jwk("EC", "P-256", Jose.b64(new byte[32]), Jose.b64(new byte[]{1, 2, 3}), "bad", "ES256", "sig");
        Jwk shortEd = new Jwk("OKP", "Ed25519", Jose.b64(new byte[5]), null, "short", "EdDSA", "sig");
        var v = AccessTokenVerifier.of(List.of(offCurve, shortEd), clock);
        String t1 = forge(header("ES256", "bad"), validClaims(), "SHA256withECDSA", ec.pair().getPrivate());
        String t2 = forge(header("EdDSA", "short"), validClaims(), "Ed25519", ed.pair().getPrivate());
        assertThat(((AccessTokenVerifier.Rejected) v.verify(t1)).reason()).isEqualTo(AccessTokenVerifier.Reason.INVALID_KEY);
        assertThat(((AccessTokenVerifier.Rejected) v.verify(t2)).reason()).isEqualTo(AccessTokenVerifier.Reason.INVALID_KEY);
    }

    @Test
    void rejectsMalformedInputAsMalformed() {
        String good = new JdkTokenSigner().sign(ed.signing(), validClaims());
        String[] p = good.split("\\.");
        for (String bad : new String[]{null, "", "abc", "a.b", p[0] + "." + p[1], good + ".x.y", "...",
                "!!!." + p[1] + "." + p[2], p[0] + "+/." + p[1] + "." + p[2], p[0] + "=." + p[1] + "." + p[2],
                Jose.b64("{\"alg\":".getBytes()) + "." + p[1] + "." + p[2],
                Jose.b64("[1,2]".getBytes()) + "." + p[1] + "." + p[2],
                Jose.b64(new byte[]{(byte) 0xff, (byte) 0xfe}) + "." + p[1] + "." + p[2],
                Jose.b64("{\"alg\":\"EdDSA\",\"alg\":\"none\"}".getBytes()) + "." + p[1] + "." + p[2],
                "x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1)}) {
            assertThat(reason(bad)).as(String.valueOf(bad)).isIn(AccessTokenVerifier.Reason.MALFORMED);
        }
        // a valid signature over a payload that is not JSON
        String input = p[0] + "." + Jose.b64("not json".getBytes());
        String signedJunk = new JdkTokenSigner().sign(ed.signing(), Map.of()).split("\\.")[0]; // header only
        assertThat(signedJunk).isNotEmpty();
        assertThat(reason(input + "." + p[2])).isIn(AccessTokenVerifier.Reason.BAD_SIGNATURE);
    }

    @Test
    void neverThrowsOnMutatedTokens() {
        String good = new JdkTokenSigner().sign(ec.signing(), validClaims());
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/{}\"";
        for (int i = 0; i < 3000; i++) {
            char[] chars = good.toCharArray();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String mutated = new String(chars);
            var outcome = verifier.verify(mutated);
            if (!mutated.equals(good)) {
                assertThat(outcome.valid()).as(mutated).isFalse();
            }
        }
    }
}
