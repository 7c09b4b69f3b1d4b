package dev.gatehouse.core.tokens;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.Settings;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysUseCasesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final SecretSealer sealer = SecretSealer.ephemeral();
    private Gatehouse g;
    private final Caller owner = user();
    private final Caller member = user();
    private final Caller outsider = user();
    private OrganizationId org;
    private Project project;

    private static Caller user() {
        return new Caller(new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", false),
                new Origin("203.0.113.1", "junit", "req-1", null, null));
    }

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).secretSealer(sealer)
                .settings(Settings.defaults().withTokenIssuer("https://gatehouse.test")).build();
        org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.touch(Relationship.of(
                new ObjectRef("organization", org.text()), "member",
                SubjectRef.of("user", ((Principal.User) member.principal()).userId().text())))));
        assertThat(written.isOk()).isTrue();
        g.tenancy().createOrganization().handle(new CreateOrganization.Command(outsider, "Globex", null, null, null)).value();
        project = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null)).value().project();
    }

    private Caller projectKey(List<String> scopes) {
        var r = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, null, project.id(), "production", "svc", scopes, null, null));
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return new Caller(g.keys().authenticateApiKey().handle(r.value().secret().reveal()).orElseThrow(), Origin.none());
    }

    private List<SigningKey> list(Caller who) {
        var r = g.tokens().listSigningKeys().handle(who, project.id());
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private List<Jwk> jwks() {
        return g.tokens().getProjectJwks().handle(Caller.system("test"), project.id()).value();
    }

    private List<AuditEvent> audit(String action) {
        g.audit().writeBehind().flush(); // issued tokens' entries are written behind (ADR 30)
        return g.stores().platform().auditLog().find(AuditQuery.all(), null, 200).items().stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void theFirstKeyIsCreatedOnFirstUseAsEd25519AndOnlyOnce() {
        List<SigningKey> first = list(member);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
        assertThat(first.get(0).active()).isTrue();
        assertThat(list(owner)).isEqualTo(first);
        assertThat(jwks()).extracting(Jwk::kid).containsExactly(first.get(0).id().text());
        assertThat(audit("signing_key.created")).hasSize(1);
    }

    @Test
    void listAndRotateAreAuthorized() {
        assertThat(g.tokens().listSigningKeys().handle(outsider, project.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        var denied = g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(member, project.id(), null));
        assertThat(denied.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(denied.failure().message()).contains("signing-keys:write");
        assertThat(g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(outsider, project.id(), null)).failure().reason())
                .isEqualTo(Reason.NOT_FOUND);
        var bad = g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(owner, project.id(), "HS256"));
        assertThat(bad.failure().reason()).isEqualTo(Reason.VALIDATION);
        assertThat(bad.failure().fieldErrors()).containsKey("algorithm");
    }

    @Test
    void rotationRetiresThePreviousKeyWhichStaysPublishedUntilItsTokensExpired() {
        SigningKey first = list(owner).get(0);
        clock.advance(Duration.ofMinutes(1));
        SigningKey second = g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(owner, project.id(), "ES256")).value();
        assertThat(second.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        List<SigningKey> keys = list(owner);
        assertThat(keys).extracting(k -> k.statusAt(clock.instant())).containsExactly("retired", "active");
        assertThat(keys.get(0).verifiesUntil()).contains(clock.instant().plus(Duration.ofMinutes(65)));
        assertThat(jwks()).extracting(Jwk::kid).containsExactly(first.id().text(), second.id().text());
        assertThat(audit("signing_key.rotated")).singleElement().satisfies(e ->
                assertThat(e.changes()).containsEntry("previous_signing_key_id", first.id().text()));
        assertThat(g.stores().platform().eventOutbox().after(null, 100).toString()).contains("signing_key.rotated");
        // a rotation without an algorithm keeps the current one
        SigningKey third = g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(owner, project.id(), null)).value();
        assertThat(third.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        clock.advance(Duration.ofMinutes(65).minusSeconds(1));
        assertThat(jwks()).extracting(Jwk::kid).contains(first.id().text());
        clock.advance(Duration.ofSeconds(1));
        assertThat(jwks()).extracting(Jwk::kid).containsExactly(third.id().text());
        assertThat(list(owner).get(0).statusAt(clock.instant())).isEqualTo("expired");
    }

    @Test
    void privateKeysAreSealedNeverStoredInClear() {
        SigningKey key = list(owner).get(0);
        byte[] sealed = key.privateKey();
        assertThat(sealer.open(sealed, key.id().text())).isPresent();
        byte[] pkcs8 = sealer.open(sealed, key.id().text()).orElseThrow();
        assertThat(java.util.Collections.indexOfSubList(toList(sealed), toList(pkcs8))).isEqualTo(-1);
        assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(sealed));
    }

    private static List<Byte> toList(byte[] b) {
        List<Byte> out = new ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }

    @Test
    void aProjectKeyGetsATokenThatVerifiesOfflineWithTheClaimsOfTheKey() {
        Caller key = projectKey(List.of("projects:read", "api-keys:read"));
        var issued = g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(key, null)).value();
        assertThat(issued.expiresIn()).isEqualTo(900);
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
        var outcome = AccessTokenVerifier.of(jwks(), clock).requiringIssuer("https://gatehouse.test").verify(issued.token());
        assertThat(outcome).isInstanceOf(AccessTokenVerifier.Verified.class);
        var claims = ((AccessTokenVerifier.Verified) outcome).claims();
        Principal.ApiKey p = (Principal.ApiKey) key.principal();
        assertThat(claims).containsEntry("sub", p.keyId().text()).containsEntry("org", org.text())
                .containsEntry("project", project.id().text()).containsEntry("env", p.environmentId().orElseThrow().text())
                .containsEntry("scope", "api-keys:read projects:read").containsEntry("iat", clock.instant().getEpochSecond())
                .containsEntry("exp", clock.instant().getEpochSecond() + 900).containsKey("jti");
        assertThat(((AccessTokenVerifier.Verified) outcome).header()).containsEntry("kid", issued.kid()).containsEntry("typ", "JWT");
        AuditEvent event = audit("api_key.token_issued").get(0);
        assertThat(event.resourceId()).isEqualTo(p.keyId().text());
        assertThat(event.toString()).doesNotContain(issued.token()).doesNotContain(issued.token().split("\\.")[2]);
    }

    @Test
    void refusesUsersOrganizationKeysAndLifetimesOutOfRange() {
        Caller key = projectKey(List.of("projects:read"));
        for (long bad : new long[]{59, 3601, 0, -5}) {
            var r = g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(key, bad));
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).containsKey("expires_in");
        }
        assertThat(g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(key, 60L)).value().expiresIn()).isEqualTo(60);
        assertThat(g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(key, 3600L)).value().expiresIn()).isEqualTo(3600);
        assertThat(g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(owner, null)).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(new Caller(new Principal.Anonymous(), Origin.none()), null))
                .failure().reason()).isEqualTo(Reason.UNAUTHENTICATED);
        var orgKey = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, org, null, null, "backend", List.of("projects:read"), null, null));
        Caller orgCaller = new Caller(g.keys().authenticateApiKey().handle(orgKey.value().secret().reveal()).orElseThrow(), Origin.none());
        var refused = g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(orgCaller, null));
        assertThat(refused.failure().reason()).isEqualTo(Reason.VALIDATION);
        assertThat(refused.failure().fieldErrors().get("api_key").get(0)).contains("organization-wide");
    }

    @Test
    void aKeyThatCannotBeDecryptedIsReplacedOnTheNextIssueAndKeepsVerifying() {
        // an active key sealed under another master key (as after a restart with a new generated key)
        KeyPair pair = SigningAlgorithm.EDDSA.generate();
        SigningKeyId id = new SigningKeyId(g.platform().ids().newId());
        SigningKey foreign = new SigningKey(id, KeyOwner.project(project.id()), SigningAlgorithm.EDDSA, pair.getPublic().getEncoded(),
                SecretSealer.ephemeral().seal(pair.getPrivate().getEncoded(), id.text()), clock.instant(), null);
        g.platform().transactions().inTransaction(() -> {
            g.stores().tokens().signingKeys().add(foreign);
            return null;
        });
        // the foreign key's old tokens still verify
        String oldToken = new JdkTokenSigner().sign(new TokenSigner.Key(id.text(), SigningAlgorithm.EDDSA, pair.getPrivate().getEncoded()),
                java.util.Map.of("sub", "key_x", "iat", clock.instant().getEpochSecond(), "exp", clock.instant().getEpochSecond() + 600));
        var issued = g.tokens().issueAccessToken().handle(new IssueAccessToken.Command(projectKey(List.of("projects:read")), null));
        assertThat(issued.isOk()).isTrue();
        assertThat(issued.value().kid()).isNotEqualTo(id.text());
        AccessTokenVerifier verifier = AccessTokenVerifier.of(jwks(), clock);
        assertThat(verifier.verify(issued.value().token()).valid()).isTrue();
        assertThat(verifier.verify(oldToken).valid()).isTrue();
        assertThat(audit("signing_key.rotated")).singleElement().satisfies(e -> assertThat(e.changes()).containsEntry("reason", "undecryptable"));
    }

    @Test
    void theJwksOfAnUnknownOrDeletedProjectIsNotFoundAndKeysGoWithAPurgedProject() {
        list(owner);
        g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(owner, project.id(), null));
        assertThat(g.stores().tokens().signingKeys().of(KeyOwner.project(project.id()))).hasSize(2);
        assertThat(g.tenancy().deleteProject().handle(owner, project.id()).isOk()).isTrue();
        assertThat(g.tokens().getProjectJwks().handle(Caller.system("t"), project.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        clock.advance(Project.RESTORE_WINDOW.plusDays(1));
        assertThat(g.tenancy().purgeDeletedProjects().handle(Caller.system("test"), 10).value()).isEqualTo(1);
        assertThat(g.stores().tokens().signingKeys().of(KeyOwner.project(project.id()))).isEmpty();
        assertThat(g.tokens().getProjectJwks().handle(Caller.system("t"), new dev.gatehouse.core.shared.ProjectId(UUID.randomUUID()))
                .failure().reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void concurrentFirstUsesAndRotationsLeaveExactlyOneActiveKey() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    if (k % 2 == 0) {
                        return g.tokens().getProjectJwks().handle(Caller.system("t"), project.id()).value();
                    }
                    return g.tokens().rotateSigningKey().handle(new RotateSigningKey.Command(owner, project.id(), null)).value();
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<SigningKey> all = g.stores().tokens().signingKeys().of(KeyOwner.project(project.id()));
        assertThat(all.stream().filter(SigningKey::active)).hasSize(1);
        assertThat(all).hasSizeBetween(n / 2, n / 2 + 1);
    }
}
