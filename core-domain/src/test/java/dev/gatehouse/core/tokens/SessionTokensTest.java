package dev.gatehouse.core.tokens;

import dev.gatehouse.core.Stores;
import dev.gatehouse.core.Settings;
import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryTokenStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Session tokens: issued and verified by the same JDK code as access tokens, with the instance's keys. */
class SessionTokensTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final TokenStores stores = MemoryTokenStores.create(tx);
    private final Gatehouse g = gatehouse(SecretSealer.ephemeral(), "https://gatehouse.test");
    private final UserId user = new UserId(UUID.randomUUID());
    private final Session session = Session.start(new SessionId(UUID.randomUUID()), user, clock.instant(), "203.0.113.1", "junit",
            clock.instant().plus(Duration.ofHours(12)));

    private Gatehouse gatehouse(SecretSealer sealer, String sessionIssuer) {
        return Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).transactions(tx)
                .stores(Stores.inMemory(tx, clock).withTokens(stores)).secretSealer(sealer)
                .settings(Settings.defaults().withSessionTokenIssuer(sessionIssuer)).build();
    }

    @Test
    void aSessionTokenNamesItsUserAndSessionAndIsSignedWithTheInstanceKey() throws Exception {
        var issued = g.tokens().issueSessionToken().handle(session);
        assertThat(issued.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(g.tokens().verifySessionToken().handle(issued.token()))
                .contains(new VerifySessionToken.Verified(user, session.id()));
        String header = new String(Jose.unb64(issued.token().split("\\.")[0]), StandardCharsets.UTF_8);
        String kid = g.tokens().instanceKeys().current().key().id().text();
        assertThat(header).contains("\"alg\":\"EdDSA\"").contains("\"kid\":\"" + kid + "\"");
        // the instance JWKS publishes the key, and the embedders' verifier accepts the token with it
        var jwks = g.tokens().getInstanceJwks().handle();
        assertThat(jwks).extracting(Jwk::kid).containsExactly(kid);
        assertThat(AccessTokenVerifier.of(jwks, clock).requiringIssuer("https://gatehouse.test").verify(issued.token()).valid()).isTrue();
    }

    @Test
    void refusesOtherIssuersExpiredTamperedAndGarbledTokens() {
        String token = g.tokens().issueSessionToken().handle(session).token();
        assertThat(gatehouse(SecretSealer.ephemeral(), "someone-else").tokens().verifySessionToken().handle(token)).isEmpty();
        String[] parts = token.split("\\.");
        assertThat(g.tokens().verifySessionToken().handle(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A")).isEmpty();
        assertThat(g.tokens().verifySessionToken().handle(parts[0] + "." + parts[1] + "=." + parts[2])).isEmpty();
        assertThat(g.tokens().verifySessionToken().handle("not-a-token")).isEmpty();
        assertThat(g.tokens().verifySessionToken().handle(null)).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(g.tokens().verifySessionToken().handle(token)).as("no leeway past exp").isEmpty();
    }

    @Test
    void anAccessTokenIsNotASessionToken() {
        // a project key's token does not verify against the instance's keys
        var projectKeys = KeyOwner.project(new dev.gatehouse.core.shared.ProjectId(UUID.randomUUID()));
        var sealing = new KeySealing(SecretSealer.ephemeral(), clock, g.platform().ids());
        SigningKey foreign = sealing.generate(projectKeys, SigningAlgorithm.EDDSA);
        var claims = new java.util.LinkedHashMap<String, Object>();
        claims.put("sub", user.text());
        claims.put("iss", "https://gatehouse.test");
        claims.put("exp", clock.instant().plusSeconds(60).getEpochSecond());
        claims.put("jti", session.id().text());
        String token = new JdkTokenSigner().sign(sealing.signer(foreign).orElseThrow(), claims);
        assertThat(g.tokens().verifySessionToken().handle(token)).isEmpty();
    }

    @Test
    void aKeyAddedByAnotherInstanceVerifiesOnFirstSight() {
        assertThat(g.tokens().verifySessionToken().handle(g.tokens().issueSessionToken().handle(session).token())).isPresent();
        // another instance sharing the store under another master key adds its own key and signs with it
        Gatehouse other = gatehouse(SecretSealer.ephemeral(), "https://gatehouse.test");
        String theirs = other.tokens().issueSessionToken().handle(session).token();
        assertThat(other.tokens().instanceKeys().published()).hasSize(2);
        assertThat(g.tokens().verifySessionToken().handle(theirs)).contains(new VerifySessionToken.Verified(user, session.id()));
    }

    @Test
    void forgedKidsReadTheKeysAtMostOnceAnInterval() throws Exception {
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        SigningKeys counting = new SigningKeys() {
            @Override
            public void lock(KeyOwner owner) {
                stores.signingKeys().lock(owner);
            }

            @Override
            public void add(SigningKey key) {
                stores.signingKeys().add(key);
            }

            @Override
            public boolean retire(dev.gatehouse.core.shared.SigningKeyId id, Instant at) {
                return stores.signingKeys().retire(id, at);
            }

            @Override
            public java.util.List<SigningKey> of(KeyOwner owner) {
                reads.incrementAndGet();
                return stores.signingKeys().of(owner);
            }

            @Override
            public int removeAllOf(dev.gatehouse.core.shared.ProjectId project) {
                return stores.signingKeys().removeAllOf(project);
            }
        };
        Gatehouse counted = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).transactions(tx)
                .stores(Stores.inMemory(tx, clock).withTokens(new TokenStores(counting)))
                .settings(Settings.defaults().withSessionTokenIssuer("https://gatehouse.test")).build();
        String token = counted.tokens().issueSessionToken().handle(session).token();
        assertThat(counted.tokens().verifySessionToken().handle(token)).isPresent();
        String[] parts = token.split("\\.");
        String header = new String(Jose.unb64(parts[0]), StandardCharsets.UTF_8);
        String realKid = counted.tokens().instanceKeys().current().key().id().text();
        java.util.function.IntFunction<String> forged = n -> Jose.b64(header.replace(realKid, "sgk_forged" + n)
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        int before = reads.get();
        for (int n = 0; n < 50; n++) {
            assertThat(counted.tokens().verifySessionToken().handle(forged.apply(n))).isEmpty();
        }
        assertThat(reads.get() - before).as("key reads for 50 forged kids within one interval").isEqualTo(1);
        clock.advance(VerifySessionToken.RELOAD_INTERVAL);
        assertThat(counted.tokens().verifySessionToken().handle(forged.apply(50))).isEmpty();
        assertThat(reads.get() - before).as("one more read after the interval").isEqualTo(2);
        assertThat(counted.tokens().verifySessionToken().handle(token)).as("known keys need no read").isPresent();
        assertThat(reads.get() - before).isEqualTo(2);
    }
}
