package dev.gatehouse.core.keys;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.someUser;
import static dev.gatehouse.core.contract.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Gatehouse g;
    private final List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Caller owner = someUser();
    private final Caller admin = someUser();
    private final Caller member = someUser();
    private final Caller viewer = someUser();
    private final Caller outsider = someUser();
    private OrganizationId org;
    private Project project;
    private List<Environment> environments;

    @BeforeEach
    void setUp() {
        var tx = new dev.gatehouse.core.memory.MemoryTransactions();
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).transactions(tx).stores(dev.gatehouse.core.Stores.inMemory(tx, clock)
                .withKeys(new KeyStores(new dev.gatehouse.core.memory.MemoryApiKeys(tx), announced::add))).build();
        org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
        grant(org, "admin", admin);
        grant(org, "member", member);
        grant(org, "viewer", viewer);
        g.tenancy().createOrganization().handle(new CreateOrganization.Command(outsider, "Globex", null, null, null)).value();
        var created = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null)).value();
        project = created.project();
        environments = created.environments();
    }

    private void grant(OrganizationId o, String role, Caller who) {
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.touch(
                Relationship.of(new ObjectRef("organization", o.text()), role, subject(who)))));
        assertThat(written.isOk()).isTrue();
    }

    private IssueApiKey.Issued issue(Caller who, String environment, List<String> scopes) {
        var r = g.keys().issueApiKey().handle(new IssueApiKey.Command(who, null, project.id(), environment, "ci", scopes, null, null));
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private IssueApiKey.Issued issueForOrganization(List<String> scopes, Instant expiresAt) {
        var r = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, org, null, null, "backend", scopes, expiresAt, null));
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    private VerifyApiKey.Code verify(Caller who, String key, List<String> scopes) {
        return g.keys().verifyApiKey().handle(new VerifyApiKey.Command(who, key, scopes)).value().code();
    }

    private Caller as(IssueApiKey.Issued issued) {
        Principal.ApiKey principal = g.keys().authenticateApiKey().handle(issued.secret().reveal()).orElseThrow();
        return new Caller(principal, Origin.none());
    }

    @Nested
    class Format {
        private final IdGenerator ids = new SecureIdGenerator(clock);

        @Test
        void liveAndTestKeysHaveTheDocumentedShapeAndParseBack() {
            ApiKeySecret live = ApiKeySecret.generate(ids, true);
            ApiKeySecret test = ApiKeySecret.generate(ids, false);
            assertThat(live.reveal()).startsWith("sk_live_").hasSize(54).matches("sk_live_[0-9A-Za-z]{46}");
            assertThat(test.reveal()).startsWith("sk_test_").hasSize(54);
            assertThat(ApiKeySecret.parse(live.reveal())).isPresent();
            assertThat(live.hash()).matches("[0-9a-f]{64}").isNotEqualTo(test.hash());
            assertThat(live.displayPrefix()).isEqualTo(live.reveal().substring(0, 12) + "…");
            assertThat(live.toString()).doesNotContain(live.reveal().substring(12));
            // 40 base62 characters carry 40 * log2(62) ≈ 238 bits
            assertThat(ApiKeySecret.RANDOM_LENGTH * Math.log(62) / Math.log(2)).isGreaterThan(190);
        }

        @Test
        void refusesATamperedCharacterAWrongChecksumAndOtherShapes() {
            String key = ApiKeySecret.generate(ids, true).reveal();
            char c = key.charAt(20);
            String tampered = key.substring(0, 20) + (c == 'a' ? 'b' : 'a') + key.substring(21);
            assertThat(ApiKeySecret.parse(tampered)).isEmpty();
            char last = key.charAt(key.length() - 1);
            assertThat(ApiKeySecret.parse(key.substring(0, key.length() - 1) + (last == '0' ? '1' : '0'))).isEmpty();
            assertThat(ApiKeySecret.parse("sk_test_" + key.substring(8))).isEmpty(); // checksum covers the prefix
            assertThat(ApiKeySecret.parse(key + "x")).isEmpty();
            assertThat(ApiKeySecret.parse(key.substring(0, 53))).isEmpty();
            assertThat(ApiKeySecret.parse("pk_live_" + key.substring(8))).isEmpty();
            assertThat(ApiKeySecret.parse(key.substring(0, 30) + "-" + key.substring(31))).isEmpty();
            assertThat(ApiKeySecret.parse(null)).isEmpty();
        }

        @Test
        void refusesMalformedKeysWithoutTouchingStorage() {
            ApiKeys exploding = (ApiKeys) java.lang.reflect.Proxy.newProxyInstance(ApiKeys.class.getClassLoader(),
                    new Class<?>[]{ApiKeys.class}, (proxy, method, args) -> {
                        throw new AssertionError("storage touched: " + method.getName());
                    });
            var p = g.stores().tenancy();
            var keys = KeyUseCases.wire(new KeyStores(exploding, KeyRevocations.none()), g.platform(), p.organizations(),
                    p.projects(), p.environments(), g.entitlements().engine(), g.rateLimiter());
            String key = ApiKeySecret.generate(ids, false).reveal();
            String tampered = key.substring(0, 53) + (key.charAt(53) == 'A' ? 'B' : 'A');
            for (String bad : List.of(tampered, "sk_live_short", "sk_test_" + "x".repeat(46))) {
                assertThat(keys.verifyApiKey().handle(new VerifyApiKey.Command(owner, bad, null)).value().code())
                        .isEqualTo(VerifyApiKey.Code.NOT_FOUND);
                assertThat(keys.authenticateApiKey().handle(bad)).isEmpty();
            }
        }
    }

    @Nested
    class Issuing {
        @Test
        void issuesATestKeyForADevelopmentEnvironmentWithReadScopesByDefault() {
            var issued = issue(member, "development", null);
            assertThat(issued.secret().reveal()).startsWith("sk_test_");
            assertThat(issued.key().scopes()).containsExactlyInAnyOrderElementsOf(IssueApiKey.defaultScopes(true))
                    .allMatch(s -> s.endsWith(":read")).contains("projects:read", "api-keys:read")
                    .doesNotContain("webhooks:read", "audit:read", "members:read");
            assertThat(issued.key().projectId()).isEqualTo(project.id());
            assertThat(issued.key().status()).isEqualTo(ApiKeyStatus.ACTIVE);
        }

        @Test
        void productionAndOrganizationKeysAreLive() {
            assertThat(issue(admin, "production", List.of("projects:read")).secret().reveal()).startsWith("sk_live_");
            String envId = environments.stream().filter(e -> e.name().equals("staging")).findFirst().orElseThrow().id().text();
            assertThat(issue(admin, envId, List.of("projects:read")).secret().reveal()).startsWith("sk_test_");
            assertThat(issueForOrganization(List.of("projects:read"), null).secret().reveal()).startsWith("sk_live_");
        }

        @Test
        void neverStoresOrRecordsTheSecret() {
            var issued = issue(admin, "production", List.of("projects:read"));
            String secret = issued.secret().reveal();
            ApiKey stored = g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow();
            assertThat(stored.toString()).doesNotContain(secret).doesNotContain(secret.substring(12));
            assertThat(stored.hash()).isEqualTo(issued.secret().hash());
            var audit = g.stores().platform().auditLog().find(AuditQuery.all(), null, 100);
            assertThat(audit.toString()).contains("api_key.created").doesNotContain(secret.substring(12));
            assertThat(g.stores().platform().eventOutbox().after(null, 100).toString()).doesNotContain(secret.substring(12));
        }

        @Test
        void refusesScopesBeyondTheCallersOwnNamingThemAll() {
            var r = g.keys().issueApiKey().handle(new IssueApiKey.Command(member, null, project.id(), "development", "ci",
                    List.of("projects:read", "api-keys:write", "api-keys:verify"), null, null));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors().get("scopes")).singleElement().asString()
                    .contains("api-keys:verify").doesNotContain("api-keys:write");
            var org2 = g.keys().issueApiKey().handle(new IssueApiKey.Command(admin, org, null, null, "x",
                    List.of("projects:read", "organizations:delete", "owners:write"), null, null));
            assertThat(org2.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(org2.failure().fieldErrors().get("scopes")).singleElement().asString()
                    .contains("organizations:delete").contains("owners:write");
            assertThat(g.stores().keys().apiKeys().list(org, null, ListQuery.firstPage()).total()).isZero();
        }

        @Test
        void refusesScopesThatGrantNothingOnTheKeysKind() {
            var env = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, null, project.id(), "development", "ci",
                    List.of("projects:read", "webhooks:read", "members:write", "audit:read"), null, null));
            assertThat(env.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(env.failure().fieldErrors().get("scopes")).singleElement().asString()
                    .contains("webhooks:read").contains("members:write").contains("audit:read");
            var plan = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, org, null, null, "x",
                    List.of("plan:write", "entitlements:write"), null, null));
            assertThat(plan.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(plan.failure().fieldErrors().get("scopes")).singleElement().asString()
                    .contains("plan:write").contains("entitlements:write");
            assertThat(g.stores().keys().apiKeys().list(org, null, ListQuery.firstPage()).total()).isZero();
        }

        @Test
        void membersCannotIssueProductionKeysViewersNoneOutsidersSeeNothing() {
            var prod = g.keys().issueApiKey().handle(new IssueApiKey.Command(member, null, project.id(), "production", "ci", null, null, null));
            assertThat(prod.failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(prod.failure().details()).containsEntry("required_scope", "api-keys:write");
            var viewing = g.keys().issueApiKey().handle(new IssueApiKey.Command(viewer, null, project.id(), "development", "ci", null, null, null));
            assertThat(viewing.failure().reason()).isEqualTo(Reason.FORBIDDEN);
            var outside = g.keys().issueApiKey().handle(new IssueApiKey.Command(outsider, null, project.id(), "development", "ci", null, null, null));
            assertThat(outside.failure().reason()).isEqualTo(Reason.NOT_FOUND);
        }

        @Test
        void validatesNameScopesExpiryAndEnvironment() {
            var r = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, null, project.id(), "qa", " ", List.of("nope:read"),
                    clock.instant().minusSeconds(1), "platinum"));
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).containsKeys("name", "scopes", "expires_at", "rate_limit_tier");
            var env = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, null, project.id(), "qa", "ci", null, null, null));
            assertThat(env.failure().fieldErrors()).containsKey("environment");
        }

        @Test
        void writesTheRoleBindingOnTheEnvironment() {
            var issued = issue(admin, "production", List.of("projects:read", "api-keys:read"));
            String id = issued.key().id().text();
            var rels = g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("role", id)));
            assertThat(rels.toString()).contains("projects_read").contains("api_keys_read");
        }
    }

    @Nested
    class UsingAndVerifying {
        @Test
        void aKeyMayDoWhatItsScopesAllowOnItsOrganizationAndNothingMore() {
            var issued = issueForOrganization(List.of("projects:read"), null);
            Caller key = as(issued);
            assertThat(g.tenancy().getProject().handle(key, project.id()).isOk()).isTrue();
            var write = g.tenancy().createProject().handle(new CreateProject.Command(key, org, "Nope", null, null));
            assertThat(write.failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(write.failure().details()).containsEntry("required_scope", "projects:write");
            assertThat(g.platform().authorizer().check(new ObjectRef("organization", org.text()), "projects_write",
                    SubjectRef.of("api_key", issued.key().id().text())).value()).isNotEqualTo(Permissionship.HAS_PERMISSION);
            assertThat(g.platform().authorizer().check(new ObjectRef("organization", org.text()), "projects_read",
                    SubjectRef.of("api_key", issued.key().id().text())).value()).isEqualTo(Permissionship.HAS_PERMISSION);
        }

        @Test
        void verifiesScopesAndAnswersNotFoundToOtherTenantsAndViewers() {
            var issued = issue(admin, "production", List.of("projects:read"));
            String secret = issued.secret().reveal();
            assertThat(verify(admin, secret, null)).isEqualTo(VerifyApiKey.Code.VALID);
            assertThat(verify(admin, secret, List.of("projects:read"))).isEqualTo(VerifyApiKey.Code.VALID);
            assertThat(verify(admin, secret, List.of("projects:write"))).isEqualTo(VerifyApiKey.Code.INSUFFICIENT_SCOPES);
            assertThat(verify(outsider, secret, null)).isEqualTo(VerifyApiKey.Code.NOT_FOUND);
            assertThat(verify(viewer, secret, null)).isEqualTo(VerifyApiKey.Code.NOT_FOUND);
            String unknown = ApiKeySecret.generate(g.platform().ids(), true).reveal();
            assertThat(verify(admin, unknown, null)).isEqualTo(VerifyApiKey.Code.NOT_FOUND);
        }

        @Test
        void rejectsRevokedKeyImmediately() {
            var issued = issue(admin, "production", List.of("projects:read"));
            String secret = issued.secret().reveal();
            assertThat(verify(admin, secret, null)).isEqualTo(VerifyApiKey.Code.VALID); // now cached
            assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent();
            var revoked = g.keys().revokeApiKey().handle(admin, issued.key().id());
            assertThat(revoked.value().status()).isEqualTo(ApiKeyStatus.REVOKED);
            assertThat(verify(admin, secret, null)).isEqualTo(VerifyApiKey.Code.REVOKED);
            assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
            String id = issued.key().id().text();
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("role_binding", id)))).isEmpty();
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("role", id)))).isEmpty();
            assertThat(g.stores().platform().auditLog().find(AuditQuery.all(), null, 100).toString()).contains("api_key.revoked");
            assertThat(g.keys().revokeApiKey().handle(admin, issued.key().id()).isOk()).as("revoking twice is fine").isTrue();
            assertThat(announced).as("announced to the other instances once, by hash").containsExactly(issued.key().hash());
        }

        @Test
        void aRefusedRevocationAnnouncesNothing() {
            var issued = issue(admin, "production", List.of("projects:read"));
            assertThat(g.keys().revokeApiKey().handle(viewer, issued.key().id()).isOk()).isFalse();
            assertThat(announced).isEmpty();
        }

        @Test
        void expiresWithTheClock() {
            var issued = issueForOrganization(List.of("projects:read"), clock.instant().plus(Duration.ofHours(1)));
            String secret = issued.secret().reveal();
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.VALID);
            clock.advance(Duration.ofHours(1));
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.EXPIRED);
            assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
        }

        @Test
        void keysOfADeletedEnvironmentAreRevokedAtOnceAndStayReadableWithTheirProject() {
            var issued = issue(admin, "staging", List.of("projects:read"));
            String secret = issued.secret().reveal();
            assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent(); // cached
            assertThat(g.tenancy().deleteEnvironment().handle(owner, issued.key().environmentId()).isOk()).isTrue();
            assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.REVOKED);
            ApiKey read = g.keys().getApiKey().handle(viewer, issued.key().id()).value();
            assertThat(read.status()).isEqualTo(ApiKeyStatus.REVOKED);
            assertThat(read.revokedReason()).isEqualTo("environment_deleted");
            assertThat(g.keys().listApiKeys().handle(new ListApiKeys.Command(viewer, null, project.id(), ListQuery.firstPage())).value()
                    .items()).extracting(ApiKey::id).contains(issued.key().id());
        }

        @Test
        void keysOfADeletedProjectAreRevokedAtOnceStayRevokedOnRestoreAndGoWhenItIsPurged() {
            var issued = issue(admin, "production", List.of("projects:read"));
            String secret = issued.secret().reveal();
            assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent(); // cached
            assertThat(g.tenancy().deleteProject().handle(owner, project.id()).isOk()).isTrue();
            assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.REVOKED);
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().revokedReason()).isEqualTo("project_deleted");
            // a restore brings the project back, not its credentials (ADR 0018)
            assertThat(g.tenancy().restoreProject().handle(owner, project.id()).isOk()).isTrue();
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.REVOKED);
            assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
            assertThat(g.tenancy().deleteProject().handle(owner, project.id()).isOk()).isTrue();
            clock.advance(Project.RESTORE_WINDOW.plusDays(1));
            assertThat(g.tenancy().purgeDeletedProjects().handle(Caller.system("test"), 10).value()).isEqualTo(1);
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id())).isEmpty();
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(
                    new ObjectRef("role", issued.key().id().text())))).isEmpty();
        }
    }

    @Nested
    class Listing {
        @Test
        void listsAndGetsKeysWithoutSecrets() {
            var a = issue(admin, "production", List.of("projects:read"));
            clock.advance(Duration.ofSeconds(1));
            issue(member, "development", null);
            issueForOrganization(List.of("projects:read"), null);
            Page<ApiKey> page = g.keys().listApiKeys().handle(new ListApiKeys.Command(viewer, null, project.id(), ListQuery.firstPage())).value();
            assertThat(page.total()).isEqualTo(2);
            assertThat(g.keys().listApiKeys().handle(new ListApiKeys.Command(viewer, org, null, ListQuery.firstPage())).value().total())
                    .isEqualTo(1);
            assertThat(g.keys().listApiKeys().handle(new ListApiKeys.Command(outsider, null, project.id(), ListQuery.firstPage()))
                    .failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.keys().getApiKey().handle(viewer, a.key().id()).value().id()).isEqualTo(a.key().id());
            assertThat(g.keys().getApiKey().handle(outsider, a.key().id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.keys().getApiKey().handle(viewer, new ApiKeyId(UUID.randomUUID())).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.keys().revokeApiKey().handle(viewer, a.key().id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        }
    }

    @Nested
    class Rotation {
        private RotateApiKey.Rotated rotate(Caller who, ApiKeyId id, Integer graceHours) {
            var r = g.keys().rotateApiKey().handle(new RotateApiKey.Command(who, id, graceHours, null));
            assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
            return r.value();
        }

        @Test
        void bothKeysWorkDuringTheGraceAndTheOldOneExpiresAfterIt() {
            var issued = issueForOrganization(List.of("projects:read", "api-keys:read"), null);
            String old = issued.secret().reveal();
            assertThat(g.keys().authenticateApiKey().handle(old)).isPresent(); // cached
            var rotated = rotate(owner, issued.key().id(), null);
            String fresh = rotated.secret().reveal();
            assertThat(fresh).isNotEqualTo(old).startsWith(ApiKeySecret.LIVE);
            assertThat(rotated.key().scopes()).isEqualTo(issued.key().scopes());
            assertThat(rotated.key().organizationId()).isEqualTo(issued.key().organizationId());
            assertThat(rotated.previous().status()).isEqualTo(ApiKeyStatus.ROTATING);
            assertThat(rotated.previous().replacedBy()).isEqualTo(rotated.key().id());
            assertThat(rotated.previous().rotationEndsAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
            assertThat(announced).as("other instances drop their copy").containsExactly(issued.key().hash());
            assertThat(g.keys().authenticateApiKey().handle(old)).isPresent();
            assertThat(g.keys().authenticateApiKey().handle(fresh)).isPresent();
            assertThat(verify(owner, old, null)).isEqualTo(VerifyApiKey.Code.VALID);
            clock.advance(Duration.ofHours(24));
            assertThat(g.keys().authenticateApiKey().handle(old)).as("grace over").isEmpty();
            assertThat(verify(owner, old, null)).isEqualTo(VerifyApiKey.Code.EXPIRED);
            assertThat(g.keys().authenticateApiKey().handle(fresh)).isPresent();
            var outcome = g.keys().apiKeyLifecycle().handle(100);
            assertThat(outcome.expired()).isEqualTo(1);
            ApiKey stored = g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(ApiKeyStatus.EXPIRED);
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(
                    new ObjectRef("role_binding", issued.key().id().text())))).as("relationships withdrawn").isEmpty();
            assertThat(g.stores().platform().auditLog().find(AuditQuery.all(), null, 100).toString())
                    .contains("api_key.rotated").contains("api_key.expired");
            assertThat(g.keys().apiKeyLifecycle().handle(100).total()).as("nothing twice").isZero();
        }

        @Test
        void theGraceNeverOutlivesTheOldKeysExpiry() {
            var issued = issueForOrganization(List.of("projects:read"), clock.instant().plus(Duration.ofHours(2)));
            var rotated = rotate(owner, issued.key().id(), 24);
            assertThat(rotated.previous().rotationEndsAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
            assertThat(rotated.key().expiresAt()).as("the new key keeps the old expiry unless told").isEqualTo(issued.key().expiresAt());
            clock.advance(Duration.ofHours(2));
            assertThat(g.keys().authenticateApiKey().handle(issued.secret().reveal())).isEmpty();
        }

        @Test
        void aGraceOfZeroRetiresTheOldKeyAtOnce() {
            var issued = issue(admin, "production", List.of("projects:read"));
            String old = issued.secret().reveal();
            assertThat(g.keys().authenticateApiKey().handle(old)).isPresent(); // cached
            var rotated = rotate(admin, issued.key().id(), 0);
            assertThat(rotated.previous().status()).isEqualTo(ApiKeyStatus.REVOKED);
            assertThat(g.keys().authenticateApiKey().handle(old)).isEmpty();
            assertThat(verify(admin, old, null)).isEqualTo(VerifyApiKey.Code.REVOKED);
            assertThat(g.keys().authenticateApiKey().handle(rotated.secret().reveal())).isPresent();
            assertThat(rotated.key().environmentId()).isEqualTo(issued.key().environmentId());
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(
                    new ObjectRef("role_binding", issued.key().id().text())))).isEmpty();
        }

        @Test
        void onlyAnActiveKeyRotatesAndOnlyWithinBoundsAndRights() {
            var issued = issueForOrganization(List.of("projects:read"), null);
            var rotated = rotate(owner, issued.key().id(), 1);
            var again = g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, issued.key().id(), 1, null));
            assertThat(again.failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(again.failure().message()).contains("rotating").contains(rotated.key().id().text());
            g.keys().revokeApiKey().handle(owner, rotated.key().id());
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, rotated.key().id(), 1, null)).failure().message())
                    .contains("revoked");
            var other = issueForOrganization(List.of("projects:read"), null);
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, other.key().id(), -1, null)).failure().fieldErrors())
                    .containsKey("grace_period_hours");
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, other.key().id(), 721, null)).failure().fieldErrors())
                    .containsKey("grace_period_hours");
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, other.key().id(), 1, clock.instant()))
                    .failure().fieldErrors()).containsKey("expires_at");
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(viewer, other.key().id(), 1, null)).failure().reason())
                    .isEqualTo(Reason.FORBIDDEN);
            assertThat(g.keys().rotateApiKey().handle(new RotateApiKey.Command(outsider, other.key().id(), 1, null)).failure().reason())
                    .isEqualTo(Reason.NOT_FOUND);
        }

        @Test
        void aMemberCannotRotateAKeyWiderThanTheirOwnRights() {
            var issued = issue(admin, "development", List.of("projects:read", "api-keys:verify"));
            var r = g.keys().rotateApiKey().handle(new RotateApiKey.Command(member, issued.key().id(), 1, null));
            assertThat(r.failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(r.failure().details()).containsEntry("required_scope", "api-keys:verify");
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().status()).isEqualTo(ApiKeyStatus.ACTIVE);
        }

        @Test
        void concurrentRotationsOfOneKeyLeaveOneSuccessor() throws Exception {
            var issued = issueForOrganization(List.of("projects:read"), null);
            int threads = 8;
            var start = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return g.keys().rotateApiKey().handle(new RotateApiKey.Command(owner, issued.key().id(), 1, null)).isOk();
                    }));
                }
                start.countDown();
                int ok = 0;
                for (var f : results) {
                    ok += f.get() ? 1 : 0;
                }
                assertThat(ok).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(g.keys().listApiKeys().handle(new ListApiKeys.Command(owner, org, null, ListQuery.firstPage())).value().total())
                    .isEqualTo(2);
        }
    }

    @Nested
    class VerifierPermission {
        @Test
        void isRememberedForFiveSecondsForAVerifyingKeyThenAskedAgain() {
            var issued = issueForOrganization(List.of("projects:read"), null);
            String secret = issued.secret().reveal();
            var verifier = issueForOrganization(List.of("api-keys:verify"), null);
            Caller service = new Caller(g.keys().authenticateApiKey().handle(verifier.secret().reveal()).orElseThrow(), Origin.none());
            assertThat(verify(service, secret, null)).isEqualTo(VerifyApiKey.Code.VALID);
            var removed = g.platform().authorizer().write(List.of(RelationshipUpdate.delete(Relationship.of(
                    new ObjectRef("role_binding", verifier.key().id().text()), "subject",
                    SubjectRef.of("api_key", verifier.key().id().text())))));
            assertThat(removed.isOk()).isTrue();
            assertThat(verify(service, secret, null)).as("within the TTL").isEqualTo(VerifyApiKey.Code.VALID);
            clock.advance(VerifyApiKey.PERMISSION_TTL);
            assertThat(verify(service, secret, null)).as("asked again").isEqualTo(VerifyApiKey.Code.NOT_FOUND);
        }

        @Test
        void isAskedEveryTimeForAUserWhoseRightsChangeWithTheirMemberships() {
            var issued = issueForOrganization(List.of("projects:read"), null);
            String secret = issued.secret().reveal();
            assertThat(verify(admin, secret, null)).isEqualTo(VerifyApiKey.Code.VALID);
            var removed = g.platform().authorizer().write(List.of(RelationshipUpdate.delete(
                    Relationship.of(new ObjectRef("organization", org.text()), "admin", subject(admin)))));
            assertThat(removed.isOk()).isTrue();
            assertThat(verify(admin, secret, null)).as("the next request").isEqualTo(VerifyApiKey.Code.NOT_FOUND);
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void warnsSevenDaysAndOneDayBeforeExpiryOnceEachThenExpires() {
            var issued = issueForOrganization(List.of("projects:read"), clock.instant().plus(Duration.ofDays(10)));
            assertThat(g.keys().apiKeyLifecycle().handle(100).total()).isZero();
            clock.advance(Duration.ofDays(3).plusMinutes(1)); // 6d23h59m left
            assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
            assertThat(g.keys().apiKeyLifecycle().handle(100).total()).as("once").isZero();
            clock.advance(Duration.ofDays(6)); // 23h59m left
            assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
            assertThat(g.keys().apiKeyLifecycle().handle(100).total()).isZero();
            clock.advance(Duration.ofDays(1));
            assertThat(g.keys().apiKeyLifecycle().handle(100).expired()).isEqualTo(1);
            assertThat(expiringEvents()).isEqualTo(List.of(7L, 1L));
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().status()).isEqualTo(ApiKeyStatus.EXPIRED);
            assertThat(g.keys().authenticateApiKey().handle(issued.secret().reveal())).isEmpty();
        }

        @Test
        void aKeyIssuedInsideTheLastDayGetsOnlyTheOneDayWarning() {
            issueForOrganization(List.of("projects:read"), clock.instant().plus(Duration.ofHours(12)));
            assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
            assertThat(g.keys().apiKeyLifecycle().handle(100).total()).isZero();
            assertThat(expiringEvents()).isEqualTo(List.of(1L));
        }

        @Test
        void handlesABatchAtATime() {
            for (int i = 0; i < 5; i++) {
                issueForOrganization(List.of("projects:read"), clock.instant().plus(Duration.ofHours(1)));
            }
            clock.advance(Duration.ofHours(2));
            assertThat(g.keys().apiKeyLifecycle().handle(3).expired()).isEqualTo(3);
            assertThat(g.keys().apiKeyLifecycle().handle(3).expired()).isEqualTo(2);
        }

        private List<Long> expiringEvents() {
            return g.stores().platform().eventOutbox().after(null, 1000).stream()
                    .filter(e -> e.type().equals("api_key.expiring"))
                    .map(e -> ((Number) e.data().get("expires_in_days")).longValue())
                    .toList();
        }
    }

    @Nested
    class LastUse {
        @Test
        void isNotedPerUseAndWrittenInOneBatchNeverPerRequest() {
            var issued = issueForOrganization(List.of("projects:read"), null);
            String secret = issued.secret().reveal();
            for (int i = 0; i < 50; i++) {
                assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent();
            }
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().lastUsedAt()).as("not written per request").isNull();
            assertThat(g.keys().getApiKey().handle(owner, issued.key().id()).value().lastUsedAt())
                    .as("but shown at once on this instance").isEqualTo(clock.instant());
            assertThat(g.keys().apiKeyLastUsed().flush()).isEqualTo(1);
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
            assertThat(g.keys().apiKeyLastUsed().flush()).as("nothing pending").isZero();
            clock.advance(Duration.ofMinutes(5));
            assertThat(verify(owner, secret, null)).isEqualTo(VerifyApiKey.Code.VALID);
            assertThat(g.keys().apiKeyLastUsed().flush()).isEqualTo(1);
            assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
        }
    }
}
