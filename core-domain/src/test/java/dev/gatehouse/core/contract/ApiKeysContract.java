package dev.gatehouse.core.contract;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ApiKeys} implementation shows. Project keys belong to stored projects
 * and environments (a database may enforce it), created through {@link #projects()} and
 * {@link #environments()}.
 */
public abstract class ApiKeysContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000011"));

    /** An empty store, then the project and environment stores of the same backend. */
    protected abstract ApiKeys apiKeys();

    protected abstract Projects projects();

    protected abstract Environments environments();

    private ApiKeys keys;
    private Project web;
    private Environment prod;

    @BeforeEach
    void freshStores() {
        keys = apiKeys();
        web = ProjectsContract.project(ACME, "Web", null, at(0));
        projects().add(web);
        Instant t = at(0).truncatedTo(ChronoUnit.MICROS);
        prod = new Environment(new EnvironmentId(idAt(t)), web.id(), ACME, "production", EnvironmentKind.PRODUCTION, t);
        environments().add(prod);
    }

    private static String hash(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[31] = (byte) (n >> 8);
        return HexFormat.of().formatHex(b);
    }

    private ApiKey projectKey(String name, int n, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new ApiKey(new ApiKeyId(idAt(t)), ACME, web.id(), prod.id(), name, Set.of("projects:read", "audit:read"),
                hash(n), "sk_live_abcd…", null, null, "usr_x", t, null, ApiKeyStatus.ACTIVE, null, null, null, 0);
    }

    private ApiKey orgKey(String name, int n, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new ApiKey(new ApiKeyId(idAt(t)), ACME, null, null, name, Set.of("organizations:read"), hash(n),
                "sk_live_efgh…", t.plusSeconds(3600), "pro", "usr_x", t, null, ApiKeyStatus.ACTIVE, null, null, null, 0);
    }

    @Test
    void storesAndFindsAKeyByIdAndByHash() {
        ApiKey k = projectKey("ci", 1, at(1));
        keys.add(k);
        assertThat(keys.byId(k.id())).contains(k);
        assertThat(keys.byHash(k.hash())).contains(k);
        assertThat(keys.byHash(hash(99))).isEmpty();
        assertThat(keys.byId(new ApiKeyId(UUID.randomUUID()))).isEmpty();
        ApiKey o = orgKey("org", 2, at(2));
        keys.add(o);
        assertThat(keys.byId(o.id())).contains(o);
    }

    @Test
    void updatesTheStatusOnRevocation() {
        ApiKey k = projectKey("ci", 1, at(1));
        keys.add(k);
        ApiKey revoked = k.revoked(at(5).truncatedTo(ChronoUnit.MICROS));
        keys.update(revoked);
        assertThat(keys.byHash(k.hash())).contains(revoked);
        assertThat(keys.byId(k.id()).orElseThrow().status()).isEqualTo(ApiKeyStatus.REVOKED);
    }

    @Test
    void keepsTheReasonOfARevocation() {
        ApiKey k = projectKey("ci", 1, at(1));
        keys.add(k);
        ApiKey revoked = k.revoked(at(5).truncatedTo(ChronoUnit.MICROS), "environment_deleted");
        keys.update(revoked);
        assertThat(keys.byId(k.id()).orElseThrow().revokedReason()).isEqualTo("environment_deleted");
        ApiKey manual = orgKey("org", 2, at(2));
        keys.add(manual);
        keys.update(manual.revoked(at(6).truncatedTo(ChronoUnit.MICROS)));
        assertThat(keys.byId(manual.id()).orElseThrow().revokedReason()).isEqualTo(ApiKey.REVOKED_MANUALLY);
        assertThat(keys.byId(manual.id()).orElseThrow()).isEqualTo(manual.revoked(at(6).truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void findsTheKeysThatStillWorkBeneathAnOrganizationProjectOrEnvironment() {
        Instant t = at(0).truncatedTo(ChronoUnit.MICROS);
        Environment staging = new Environment(new EnvironmentId(idAt(t.plusMillis(1))), web.id(), ACME, "staging",
                EnvironmentKind.STAGING, t);
        environments().add(staging);
        ApiKey inProd = projectKey("prod", 1, at(1));
        ApiKey s = projectKey("staging", 2, at(2));
        ApiKey inStaging = new ApiKey(s.id(), ACME, web.id(), staging.id(), s.name(), s.scopes(), s.hash(), s.prefix(), null,
                null, "usr_x", s.createdAt(), null, ApiKeyStatus.ACTIVE, null, null, null, 0);
        ApiKey org = orgKey("org", 3, at(3));
        ApiKey gone = projectKey("gone", 4, at(4));
        keys.add(inProd);
        keys.add(inStaging);
        keys.add(org);
        keys.add(gone);
        keys.update(gone.revoked(at(5).truncatedTo(ChronoUnit.MICROS)));
        OrganizationId other = new OrganizationId(UUID.randomUUID());

        assertThat(keys.liveWithin(ACME, null, null)).extracting(ApiKey::id)
                .containsExactlyInAnyOrder(inProd.id(), inStaging.id(), org.id());
        assertThat(keys.liveWithin(ACME, web.id(), null)).extracting(ApiKey::id)
                .containsExactlyInAnyOrder(inProd.id(), inStaging.id());
        assertThat(keys.liveWithin(ACME, web.id(), staging.id())).extracting(ApiKey::id).containsExactly(inStaging.id());
        assertThat(keys.liveWithin(other, null, null)).isEmpty();
    }

    @Test
    void listsProjectKeysAndOrganizationKeysApartNewestFirst() {
        ApiKey a = projectKey("alpha", 1, at(1));
        ApiKey b = projectKey("beta", 2, at(2));
        ApiKey o = orgKey("org", 3, at(3));
        keys.add(a);
        keys.add(b);
        keys.add(o);
        assertThat(keys.list(ACME, web.id(), ListQuery.firstPage()).items()).containsExactly(b, a);
        assertThat(keys.list(ACME, null, ListQuery.firstPage()).items()).containsExactly(o);
        assertThat(keys.list(ACME, web.id(), ListQuery.firstPage()).total()).isEqualTo(2);
        keys.update(a.revoked(at(4).truncatedTo(ChronoUnit.MICROS)));
        var revoked = new ListQuery(PageRequest.first(), null, null, null, null, null, "revoked");
        assertThat(keys.list(ACME, web.id(), revoked).items()).extracting(ApiKey::name).containsExactly("alpha");
        var search = new ListQuery(PageRequest.first(), null, null, null, null, "BET", null);
        assertThat(keys.list(ACME, web.id(), search).items()).containsExactly(b);
        assertThat(keys.list(new OrganizationId(UUID.randomUUID()), null, ListQuery.firstPage()).items()).isEmpty();
    }

    @Test
    void filtersByTimeBoundsWithCreationStandingForTheLastUpdate() {
        ApiKey early = projectKey("early", 11, at(10));
        ApiKey late = projectKey("late", 12, at(20));
        keys.add(early);
        keys.add(late);
        var createdAfter = new ListQuery(PageRequest.first(), at(15), null, null, null, null, null);
        assertThat(keys.list(ACME, web.id(), createdAfter).items()).containsExactly(late);
        var updatedAfter = new ListQuery(PageRequest.first(), null, null, at(15), null, null, null);
        assertThat(keys.list(ACME, web.id(), updatedAfter).items()).containsExactly(late);
        var updatedBefore = new ListQuery(PageRequest.first(), null, null, null, at(15), null, null);
        assertThat(keys.list(ACME, web.id(), updatedBefore).items()).containsExactly(early);
    }

    @Test
    void removesAProjectsKeysOnly() {
        ApiKey a = projectKey("alpha", 1, at(1));
        ApiKey o = orgKey("org", 3, at(3));
        keys.add(a);
        keys.add(o);
        assertThat(keys.ofProject(web.id())).containsExactly(a);
        assertThat(keys.removeAllOf(web.id())).isEqualTo(1);
        assertThat(keys.byId(a.id())).isEmpty();
        assertThat(keys.byId(o.id())).contains(o);
    }

    @Test
    void locksAndReadsAKeyById() {
        ApiKey k = projectKey("ci", 1, at(1));
        keys.add(k);
        assertThat(keys.lockById(k.id())).contains(k);
        assertThat(keys.lockById(new ApiKeyId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void keepsRotationStateAndExpiryWarnings() {
        ApiKey old = projectKey("ci", 1, at(1));
        ApiKey successor = projectKey("ci", 2, at(2));
        keys.add(old);
        keys.add(successor);
        ApiKey rotating = old.rotating(at(100).truncatedTo(ChronoUnit.MICROS), successor.id()).withExpiryWarnings(1);
        keys.update(rotating);
        ApiKey stored = keys.byId(old.id()).orElseThrow();
        assertThat(stored).isEqualTo(rotating);
        assertThat(stored.status()).isEqualTo(ApiKeyStatus.ROTATING);
        assertThat(stored.replacedBy()).isEqualTo(successor.id());
        assertThat(stored.expiryWarnings()).isEqualTo(1);
        keys.update(stored.expired());
        assertThat(keys.byHash(old.hash()).orElseThrow().status()).isEqualTo(ApiKeyStatus.EXPIRED);
        assertThat(keys.byHash(old.hash()).orElseThrow().replacedBy()).as("the successor is remembered").isEqualTo(successor.id());
    }

    @Test
    void recordsLastUseInABatchNeverMovingItBackwards() {
        ApiKey a = projectKey("a", 1, at(1));
        ApiKey b = orgKey("b", 2, at(2));
        keys.add(a);
        keys.add(b);
        Instant t10 = at(10).truncatedTo(ChronoUnit.MICROS);
        Instant t20 = at(20).truncatedTo(ChronoUnit.MICROS);
        keys.recordLastUsed(java.util.Map.of(a.id(), t20, b.id(), t10, new ApiKeyId(UUID.randomUUID()), t10));
        assertThat(keys.byId(a.id()).orElseThrow().lastUsedAt()).isEqualTo(t20);
        assertThat(keys.byId(b.id()).orElseThrow().lastUsedAt()).isEqualTo(t10);
        keys.recordLastUsed(java.util.Map.of(a.id(), t10));
        assertThat(keys.byId(a.id()).orElseThrow().lastUsedAt()).as("an older time does not win").isEqualTo(t20);
        keys.recordLastUsed(java.util.Map.of());
    }

    @Test
    void findsKeysWhoseExpiryRotationOrWarningIsDue() {
        Instant now = at(0).plus(java.time.Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);
        ApiKey never = withExpiry(projectKey("never", 1, at(1)), null);
        ApiKey far = withExpiry(projectKey("far", 2, at(2)), now.plus(java.time.Duration.ofDays(8)));
        ApiKey week = withExpiry(projectKey("week", 3, at(3)), now.plus(java.time.Duration.ofDays(6)));
        ApiKey weekWarned = withExpiry(projectKey("week-warned", 4, at(4)), now.plus(java.time.Duration.ofDays(6)))
                .withExpiryWarnings(1);
        ApiKey dayWarnedOnce = withExpiry(projectKey("day", 5, at(5)), now.plus(java.time.Duration.ofHours(12)))
                .withExpiryWarnings(1);
        ApiKey dayWarnedTwice = withExpiry(projectKey("day-done", 6, at(6)), now.plus(java.time.Duration.ofHours(12)))
                .withExpiryWarnings(2);
        ApiKey past = withExpiry(projectKey("past", 7, at(7)), now.minusSeconds(1)).withExpiryWarnings(2);
        ApiKey revokedPast = withExpiry(projectKey("revoked", 8, at(8)), now.minusSeconds(1)).revoked(at(9));
        ApiKey successor = projectKey("successor", 9, at(9));
        ApiKey graceOver = projectKey("grace-over", 10, at(10)).rotating(now.minusSeconds(1), successor.id());
        ApiKey inGrace = projectKey("in-grace", 11, at(11)).rotating(now.plusSeconds(60), successor.id());
        for (ApiKey k : java.util.List.of(never, far, week, weekWarned, dayWarnedOnce, dayWarnedTwice, past, revokedPast,
                successor, graceOver, inGrace)) {
            keys.add(k);
        }
        assertThat(keys.dueForLifecycle(now, 100)).extracting(ApiKey::name)
                .containsExactlyInAnyOrder("week", "day", "past", "grace-over");
        var ids = keys.dueForLifecycle(now, 100).stream().map(k -> k.id().value()).toList();
        assertThat(ids).as("in id order").isSortedAccordingTo(java.util.Comparator.comparing(UUID::toString));
        assertThat(keys.dueForLifecycle(now, 2)).hasSize(2);
    }

    private static ApiKey withExpiry(ApiKey k, Instant expiresAt) {
        return new ApiKey(k.id(), k.organizationId(), k.projectId(), k.environmentId(), k.name(), k.scopes(), k.hash(),
                k.prefix(), expiresAt, k.rateLimitTier(), k.createdBy(), k.createdAt(), null, k.status(), null, null, null, 0);
    }
}
