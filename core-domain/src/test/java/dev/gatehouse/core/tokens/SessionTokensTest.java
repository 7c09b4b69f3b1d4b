package dev.gatehouse.core.tokens;

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
        return Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).transactions(tx).tokenStores(stores)
                .secretSealer(sealer).sessionTokenIssuer(sessionIssuer).build();
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
        var sealing = new KeySealing(SecretSealer.ephemeral(), clock, g.ports().ids());
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
}
