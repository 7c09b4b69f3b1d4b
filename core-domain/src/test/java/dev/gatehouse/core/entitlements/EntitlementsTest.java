package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine and use cases on memory stores with a test clock: periods, thresholds, soft limits, product slots. */
class EntitlementsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-31T09:00:00Z"));
    private final Caller owner = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "o@example.com", false), Origin.none());
    private final Caller admin = Caller.system("test");
    private Gatehouse g;
    private OrganizationId org;

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher())
                .settings(dev.gatehouse.core.Settings.defaults().withUpgradeUrl("https://example.com/upgrade")).build();
        org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
    }

    private void override(String feature, Object limit, String period, Boolean soft) {
        var r = g.entitlements().overrideEntitlement().handle(new OverrideEntitlement.Command(admin, org, feature, limit, period, soft));
        assertThat(r.isOk()).as(() -> String.valueOf(r.isOk() ? "" : r.failure())).isTrue();
    }

    private dev.gatehouse.core.shared.Result<Entitlements.Decision> record(String feature, long q) {
        return g.entitlements().recordUsage().handle(new RecordUsage.Command(owner, org, feature, q, Map.of("n", q)));
    }

    private List<DomainEvent> thresholds() {
        return g.stores().platform().eventOutbox().after(null, 1000).stream().filter(e -> e.type().equals(Entitlements.THRESHOLD_EVENT)).toList();
    }

    @Test
    void counterUsageResetsEachPeriodAnchoredToTheOrganizationsCreation() {
        override("seo_reports", 2, "month", false);
        assertThat(record("seo_reports", 2).isOk()).isTrue();
        var refused = record("seo_reports", 1);
        assertThat(refused.failure().reason()).isEqualTo(Reason.LIMIT_REACHED);
        assertThat(refused.failure().details()).containsEntry("feature", "seo_reports").containsEntry("limit", 2L)
                .containsEntry("current_usage", 2L).containsEntry("upgrade_url", "https://example.com/upgrade");
        var check = g.entitlements().checkEntitlement().handle(new CheckEntitlement.Command(owner, org, "seo_reports", 1L)).value();
        assertThat(check.resetAt()).isEqualTo(Instant.parse("2026-02-28T09:00:00Z"));

        clock.advance(Duration.ofDays(28));
        assertThat(record("seo_reports", 2).value().currentUsage()).as("a new period").isEqualTo(2);
        assertThat(g.stores().entitlements().usageLedger().records(org, "seo_reports", 10)).as("the refused one was rolled back").hasSize(2);
    }

    @Test
    void thresholdsAreAnnouncedOncePerPeriodAndBothWhenOneStepCrossesBoth() {
        override("seo_reports", 10, "day", false);
        record("seo_reports", 10);
        assertThat(thresholds()).extracting(e -> e.data().get("threshold")).containsExactlyInAnyOrder(80, 100);
        assertThat(thresholds().get(0).data()).containsEntry("period", "day").containsKey("reset_at");
        clock.advance(Duration.ofDays(1));
        record("seo_reports", 8);
        assertThat(thresholds()).hasSize(3);
    }

    @Test
    void softLimitsCountTheOverageAndAnnounceOneHundredPercent() {
        override("api_calls", 10, null, true);
        var d = record("api_calls", 15).value();
        assertThat(d.currentUsage()).isEqualTo(15);
        assertThat(d.overage()).isEqualTo(5);
        assertThat(thresholds()).extracting(e -> e.data().get("threshold")).containsExactlyInAnyOrder(80, 100);
    }

    @Test
    void aFeatureOutsideThePlanIsRefusedWithoutCounting() {
        assertThat(g.entitlements().overrideEntitlement().handle(new OverrideEntitlement.Command(admin, org, "posts", false, null, null)).isOk())
                .as("a gauge takes a number").isFalse();
        override("api_calls", 0, null, null);
        var refused = record("api_calls", 1);
        assertThat(refused.failure().reason()).isEqualTo(Reason.LIMIT_REACHED);
        var check = g.entitlements().checkEntitlement().handle(new CheckEntitlement.Command(owner, org, "sso", 1L)).value();
        assertThat(check.reason()).isEqualTo(Entitlements.Denial.FEATURE_NOT_IN_PLAN);
    }

    @Test
    void projectsTakeASlotAndGiveItBackOnDelete() {
        override("projects", 1, null, null);
        var first = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "One", null, null));
        assertThat(first.isOk()).isTrue();
        var second = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Two", null, null));
        Failure f = second.failure();
        assertThat(f.reason()).isEqualTo(Reason.LIMIT_REACHED);
        assertThat(g.stores().tenancy().projects().byId(first.value().project().id())).isPresent();
        assertThat(g.tenancy().deleteProject().handle(owner, first.value().project().id()).isOk()).isTrue();
        assertThat(g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Three", null, null)).isOk()).isTrue();
        var restore = g.tenancy().restoreProject().handle(owner, first.value().project().id());
        assertThat(restore.failure().reason()).isEqualTo(Reason.LIMIT_REACHED);
        assertThat(g.stores().tenancy().projects().byId(first.value().project().id()).orElseThrow().deleted()).as("rolled back").isTrue();
    }

    private long used(String feature) {
        return g.entitlements().summarizeEntitlements().handle(owner, org).value().items().stream()
                .filter(i -> i.feature().key().equals(feature)).findFirst().orElseThrow().used();
    }

    @Test
    void aRotationPassesTheSlotOnAndExpiryGivesItBack() {
        var project = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Rotated", null, null)).value().project();
        var issue = new dev.gatehouse.core.keys.IssueApiKey.Command(owner, null, project.id(), "development", "ci", null,
                clock.instant().plus(Duration.ofDays(30)), null);
        var key = g.keys().issueApiKey().handle(issue).value();
        assertThat(used("api_keys")).isEqualTo(1);
        var rotated = g.keys().rotateApiKey().handle(new dev.gatehouse.core.keys.RotateApiKey.Command(owner, key.key().id(), 1, null)).value();
        assertThat(used("api_keys")).as("the successor holds the slot").isEqualTo(1);
        assertThat(g.keys().revokeApiKey().handle(owner, key.key().id()).isOk()).isTrue();
        assertThat(used("api_keys")).as("revoking the rotated key gives nothing back").isEqualTo(1);
        var again = g.keys().rotateApiKey().handle(new dev.gatehouse.core.keys.RotateApiKey.Command(owner, rotated.key().id(), 0, null))
                .value();
        assertThat(used("api_keys")).as("an immediate rotation too").isEqualTo(1);
        clock.advance(Duration.ofDays(30));
        assertThat(g.keys().apiKeyLifecycle().handle(100).expired()).isEqualTo(1);
        assertThat(g.stores().keys().apiKeys().byId(again.key().id()).orElseThrow().status())
                .isEqualTo(dev.gatehouse.core.keys.ApiKeyStatus.EXPIRED);
        assertThat(used("api_keys")).as("an expired key gives its slot back").isZero();
    }

    @Test
    void keysTakeASlotAndRevokedOrPurgedOnesGiveItBack() {
        var project = g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null)).value().project();
        var issue = new dev.gatehouse.core.keys.IssueApiKey.Command(owner, null, project.id(), "development", "ci", null, null, null);
        var first = g.keys().issueApiKey().handle(issue).value();
        g.keys().issueApiKey().handle(issue).value();
        var third = g.keys().issueApiKey().handle(issue).value();
        assertThat(used("api_keys")).isEqualTo(3);
        assertThat(g.keys().revokeApiKey().handle(owner, first.key().id()).isOk()).isTrue();
        assertThat(g.keys().revokeApiKey().handle(owner, first.key().id()).isOk()).as("again: nothing more given back").isTrue();
        assertThat(used("api_keys")).isEqualTo(2);
        override("api_keys", 2, null, null);
        assertThat(g.keys().issueApiKey().handle(issue).failure().reason()).isEqualTo(Reason.LIMIT_REACHED);

        assertThat(g.tenancy().deleteProject().handle(owner, project.id()).isOk()).isTrue();
        assertThat(used("projects")).isZero();
        clock.advance(Duration.ofDays(31));
        assertThat(g.tenancy().purgeDeletedProjects().handle(admin, 10).value()).isEqualTo(1);
        assertThat(used("api_keys")).as("the purged project's two unrevoked keys").isZero();
        assertThat(g.stores().keys().apiKeys().byId(third.key().id())).isEmpty();
    }

    @Test
    void theOwnerTakesTheFirstSeatAndTheTierIsQueryable() {
        var summary = g.entitlements().summarizeEntitlements().handle(owner, org).value();
        var members = summary.items().stream().filter(i -> i.feature().key().equals("members")).findFirst().orElseThrow();
        assertThat(members.used()).isEqualTo(1);
        assertThat(members.limit()).isEqualTo(10);
        assertThat(members.percentage()).isEqualByComparingTo("10");
        assertThat(g.entitlements().organizationPlans().tierOf(org)).hasValue("free");
        assertThat(g.entitlements().changePlan().handle(admin, org, "agency").isOk()).isTrue();
        assertThat(g.entitlements().organizationPlans().tierOf(org)).hasValue("agency");
        assertThat(g.entitlements().changePlan().handle(owner, org, "enterprise").failure().reason()).isEqualTo(Reason.FORBIDDEN);
    }
}
