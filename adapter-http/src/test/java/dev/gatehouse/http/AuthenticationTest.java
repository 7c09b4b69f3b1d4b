package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.SigningKey;
import io.jsonwebtoken.Jwts;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AuthenticationTest {
    @Inject
    EmbeddedServer server;
    @Inject
    Gatehouse gatehouse;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server.getURL());
    }

    private Api.Response login(String email, String password) {
        return api.postJson("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
    }

    /** Signs with jjwt, a JOSE library independent of the server's JDK code: the two interoperate. */
    private String sign(SigningKey key, String kid, String subject, String issuer, Instant expires) throws Exception {
        byte[] pkcs8 = key.privateKey()[0] == 0x30 ? key.privateKey() : gatehouse.tokens().instanceKeys().current().privateKey().pkcs8();
        var privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return Jwts.builder().header().keyId(kid).and().subject(subject).issuer(issuer)
                .issuedAt(Date.from(expires.minus(1, ChronoUnit.HOURS))).expiration(Date.from(expires))
                .signWith(privateKey, Jwts.SIG.EdDSA).compact();
    }

    @Nested
    class Login {
        @Test
        void issuesABearerSessionTokenWithTheUser() {
            var r = login(TestGatehouseFactory.ADMIN_EMAIL, TestGatehouseFactory.ADMIN_PASSWORD);
            assertThat(r.status()).isEqualTo(200);
            var data = r.json().path("data");
            assertThat(data.path("token_type").asText()).isEqualTo("Bearer");
            assertThat(data.path("token").asText()).startsWith("eyJ");
            assertThat(data.path("expires_at").asText()).endsWith("Z");
            Instant expires = Instant.parse(data.path("expires_at").asText());
            assertThat(expires).isBetween(Instant.now().plus(11, ChronoUnit.HOURS), Instant.now().plus(13, ChronoUnit.HOURS));
            assertThat(data.at("/user/email").asText()).isEqualTo(TestGatehouseFactory.ADMIN_EMAIL);
            assertThat(data.at("/user/platform_admin").asBoolean()).isTrue();
            assertThat(r.body()).doesNotContain("pbkdf2").doesNotContain("password");
        }

        @Test
        void tokenIsAnEdDsaJwtWithKidSubIssIatExpJtiVerifiableWithThePublishedJwks() throws Exception {
            String token = api.adminToken();
            var jwks = api.get("/.well-known/jwks.json").json().path("keys");
            String[] parts = token.split("\\.");
            var header = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
            String kid = header.path("kid").asText();
            assertThat(kid).startsWith("sgk_");
            var jwk = java.util.stream.StreamSupport.stream(jwks.spliterator(), false)
                    .filter(k -> k.path("kid").asText().equals(kid)).findFirst().orElseThrow();
            // Rebuild the X.509 key from the JWK's raw x to prove the published key verifies the token.
            byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
            byte[] raw = Base64.getUrlDecoder().decode(jwk.path("x").asText());
            byte[] x509 = new byte[prefix.length + raw.length];
            System.arraycopy(prefix, 0, x509, 0, prefix.length);
            System.arraycopy(raw, 0, x509, prefix.length, raw.length);
            var publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(x509));
            var claims = Jwts.parser().verifyWith(publicKey).build().parseSignedClaims(token).getPayload();
            assertThat(claims.getSubject()).startsWith("usr_");
            assertThat(claims.getIssuer()).isEqualTo("gatehouse-test");
            assertThat(claims.getIssuedAt()).isNotNull();
            assertThat(claims.getExpiration()).isNotNull();
            assertThat(claims.getId()).isNotBlank();
        }

        @Test
        void unknownEmailAndWrongPasswordGetTheSameAnswer() {
            var unknown = login("nobody@example.com", "whatever-password");
            var wrong = login(TestGatehouseFactory.ADMIN_EMAIL, "wrong-password!");
            ErrorResponsesTest.assertProblem(unknown, 401, "unauthorized");
            ErrorResponsesTest.assertProblem(wrong, 401, "unauthorized");
            assertThat(unknown.json().path("detail")).isEqualTo(wrong.json().path("detail"));
            assertThat(unknown.json().path("title")).isEqualTo(wrong.json().path("title"));
        }
    }

    @Nested
    class BearerTokens {
        @Test
        void meReturnsTheAuthenticatedUserWithoutThePasswordHash() {
            var r = api.get("/api/v1/me", api.adminToken());
            assertThat(r.status()).isEqualTo(200);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).startsWith("usr_");
            assertThat(data.path("email").asText()).isEqualTo(TestGatehouseFactory.ADMIN_EMAIL);
            assertThat(data.path("name").asText()).isEqualTo("Ada Admin");
            assertThat(data.path("platform_admin").asBoolean()).isTrue();
            assertThat(data.path("status").asText()).isEqualTo("active");
            assertThat(data.path("created_at").asText()).endsWith("Z");
            assertThat(data.path("updated_at").asText()).endsWith("Z");
            assertThat(data.has("password_hash")).isFalse();
            assertThat(r.body()).doesNotContain("pbkdf2");
        }

        @Test
        void missingTokenIs401WithBearerChallenge() {
            var r = api.get("/api/v1/me");
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }

        @Test
        void onlyTheCanonicalBase64urlSpellingOfASessionTokenIsAccepted() {
            String token = api.adminToken();
            assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
            String[] parts = token.split("\\.");
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            // An Ed25519 signature is 64 bytes: 86 characters, the last one carrying 4 unused low bits.
            char last = parts[2].charAt(parts[2].length() - 1);
            String sameBytes = parts[2].substring(0, parts[2].length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
            for (String variant : new String[]{
                    parts[0] + "." + parts[1] + "." + sameBytes,
                    parts[0] + "." + parts[1] + "." + parts[2] + "==",
                    parts[0] + "=." + parts[1] + "." + parts[2],
                    parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/') + (parts[2].contains("-")
                            || parts[2].contains("_") ? "" : "+"),
                    parts[0] + "." + parts[1] + " ." + parts[2]}) {
                var r = api.get("/api/v1/me", variant);
                assertThat(r.status()).as(variant).isEqualTo(401);
            }
        }

        @Test
        void garbageTokenIs401InvalidToken() {
            var r = api.get("/api/v1/me", "eyJhbGciOi.not.valid");
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        }

        @Test
        void basicAuthenticationIsRefused() {
            var r = api.send(api.request("/api/v1/me").header("Authorization", "Basic YWRtaW46cGFzcw==").GET().build());
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
        }

        @Test
        void unknownApiKeyIs401InvalidToken() {
            var r = api.get("/api/v1/me", "sk_live_abcdefghijklmnopqrstuvwxyz");
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        }

        @Test
        void expiredTokenIs401() throws Exception {
            SigningKey key = gatehouse.tokens().instanceKeys().current().key();
            String userId = api.get("/api/v1/me", api.adminToken()).json().at("/data/id").asText();
            String expired = sign(key, key.id().text(), userId, "gatehouse-test", Instant.now().minus(1, ChronoUnit.MINUTES));
            var r = api.get("/api/v1/me", expired);
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        }

        @Test
        void aSessionTokenSignedByAnotherJoseLibraryStillAuthenticates() throws Exception {
            // tokens issued before the server signed with the JDK (jjwt) keep working: same key, same claims
            String token = api.adminToken();
            var claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            SigningKey key = gatehouse.tokens().instanceKeys().current().key();
            String jjwt = Jwts.builder().header().keyId(key.id().text()).and()
                    .subject(claims.path("sub").asText()).issuer(claims.path("iss").asText())
                    .issuedAt(new Date(claims.path("iat").asLong() * 1000)).expiration(new Date(claims.path("exp").asLong() * 1000))
                    .id(claims.path("jti").asText())
                    .signWith(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                            gatehouse.tokens().instanceKeys().current().privateKey().pkcs8())), Jwts.SIG.EdDSA)
                    .compact();
            assertThat(jjwt).isNotEqualTo(token);
            var me = api.get("/api/v1/me", jjwt);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().at("/data/email").asText()).isEqualTo(TestGatehouseFactory.ADMIN_EMAIL);
            assertThat(Jwts.parser().verifyWith(java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                            new java.security.spec.X509EncodedKeySpec(key.publicKey()))).requireIssuer("gatehouse-test").build()
                    .parseSignedClaims(token).getPayload().getId()).as("jjwt verifies the server's token too")
                    .isEqualTo(claims.path("jti").asText());
        }

        @Test
        void tokenFromAnotherIssuerIs401() throws Exception {
            SigningKey key = gatehouse.tokens().instanceKeys().current().key();
            String userId = api.get("/api/v1/me", api.adminToken()).json().at("/data/id").asText();
            String foreign = sign(key, key.id().text(), userId, "someone-else", Instant.now().plus(1, ChronoUnit.HOURS));
            ErrorResponsesTest.assertProblem(api.get("/api/v1/me", foreign), 401, "unauthorized");
        }

        @Test
        void tokenSignedByAnUnpublishedKeyIs401() throws Exception {
            SigningKey key = gatehouse.tokens().instanceKeys().current().key();
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            SigningKey rogue = new SigningKey(key.id(), KeyOwner.instance(), SigningAlgorithm.EDDSA, pair.getPublic().getEncoded(),
                    pair.getPrivate().getEncoded(), Instant.now(), null);
            String userId = api.get("/api/v1/me", api.adminToken()).json().at("/data/id").asText();
            String forged = sign(rogue, key.id().text(), userId, "gatehouse-test", Instant.now().plus(1, ChronoUnit.HOURS));
            ErrorResponsesTest.assertProblem(api.get("/api/v1/me", forged), 401, "unauthorized");
        }

        @Test
        void deactivatingAUserEndsTheirSessionsAtOnce() {
            String token = api.userToken(gatehouse, "leaver@example.com", false);
            assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
            var user = gatehouse.stores().identity().users().byEmail(Email.parse("leaver@example.com").orElseThrow()).orElseThrow();
            assertThat(api.delete("/api/v1/users/" + user.id().text(), api.adminToken()).status()).isEqualTo(204);
            var r = api.get("/api/v1/me", token);
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        }

        @Test
        void loginNeedsNoToken() {
            assertThat(login(TestGatehouseFactory.ADMIN_EMAIL, TestGatehouseFactory.ADMIN_PASSWORD).status()).isEqualTo(200);
        }
    }

    @Nested
    class Jwks {
        @Test
        void publishesEveryKeyAsAnOkpEd25519Jwk() {
            gatehouse.tokens().instanceKeys().current();
            var r = api.get("/.well-known/jwks.json");
            assertThat(r.status()).isEqualTo(200);
            var keys = r.json().path("keys");
            assertThat(keys.size()).isEqualTo(gatehouse.tokens().instanceKeys().published().size()).isPositive();
            var key = keys.get(0);
            assertThat(key.path("kty").asText()).isEqualTo("OKP");
            assertThat(key.path("crv").asText()).isEqualTo("Ed25519");
            assertThat(key.path("alg").asText()).isEqualTo("EdDSA");
            assertThat(key.path("use").asText()).isEqualTo("sig");
            assertThat(key.path("kid").asText()).startsWith("sgk_");
            assertThat(Base64.getUrlDecoder().decode(key.path("x").asText())).hasSize(32);
            assertThat(key.has("d")).isFalse();
        }
    }
}
