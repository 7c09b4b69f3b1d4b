package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The entitlement engine the use cases share: what an organization's plan and overrides give for a
 * feature, the check, and the atomic consumption that counts usage only within the limit
 * ({@link UsageLedger#add}). Product use cases call {@link #consume} inside their own transaction
 * before storing what they create (a refusal fails them, and so rolls everything back) and
 * {@link #release} when they remove it. Crossing 80 % and 100 % of a limit records
 * {@value #THRESHOLD_EVENT} once per period.
 */
public final class Entitlements implements dev.gatehouse.core.shared.Quota {
    public static final String THRESHOLD_EVENT = "entitlement.threshold_reached";
    static final int[] THRESHOLDS = {80, 100};

    /** Why a check says no. */
    public enum Denial {
        LIMIT_EXCEEDED, FEATURE_NOT_IN_PLAN, UNKNOWN_FEATURE
    }

    /** What an organization has for one feature now: its allowance, where it comes from, the current period. */
    public record Resolved(Feature feature, Allowance allowance, String tier, boolean overridden, Period.Window window) {
    }

    /**
     * The answer to "may the organization use {@code quantity} more?": usage in the current period,
     * the limit ({@code null}: unlimited), what is left, when the period resets, and when refused why.
     */
    public record Decision(String feature, boolean allowed, long currentUsage, Long limit, Long available, Instant resetAt,
                           boolean soft, long overage, Denial reason, String message, String upgradeUrl) {
    }

    private final PlanCatalog catalog;
    private final Organizations organizations;
    private final EntitlementOverrides overrides;
    private final UsageLedger ledger;
    private final Events events;
    private final Clock clock;
    private final String upgradeUrl;
    private final boolean enforced;

    public Entitlements(PlanCatalog catalog, Organizations organizations, EntitlementOverrides overrides, UsageLedger ledger,
                        Events events, Clock clock, String upgradeUrl) {
        this(catalog, organizations, overrides, ledger, events, clock, upgradeUrl, true);
    }

    private Entitlements(PlanCatalog catalog, Organizations organizations, EntitlementOverrides overrides, UsageLedger ledger,
                         Events events, Clock clock, String upgradeUrl, boolean enforced) {
        this.catalog = catalog;
        this.organizations = organizations;
        this.overrides = overrides;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.upgradeUrl = Objects.requireNonNull(upgradeUrl, "upgradeUrl");
        this.enforced = enforced;
    }

    /** Enforces nothing: for use cases built without entitlements (tests, embedders who do not sell plans). */
    public static Entitlements unenforced() {
        return new Entitlements(null, null, null, null, null, null, "", false);
    }

    public PlanCatalog catalog() {
        return catalog;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public String upgradeUrl() {
        return upgradeUrl;
    }

    /** What the organization has for the feature; empty when the catalog does not know the feature. */
    public Optional<Resolved> resolve(Organization org, String feature) {
        Optional<Feature> f = catalog.feature(feature);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Optional<EntitlementOverride> override = overrides.get(org.id(), feature);
        Allowance allowance = override.map(EntitlementOverride::allowance)
                .or(() -> catalog.plan(org.tier()).flatMap(p -> p.allowance(feature)))
                .orElse(Allowance.off());
        Period.Window window = allowance.period().windowAt(org.createdAt(), clock.instant());
        return Optional.of(new Resolved(f.get(), allowance, org.tier(), override.isPresent(), window));
    }

    /** The check, without counting. */
    public Decision check(Organization org, String feature, long quantity) {
        Optional<Resolved> resolved = resolve(org, feature);
        if (resolved.isEmpty()) {
            return new Decision(feature, false, 0, null, null, null, false, 0, Denial.UNKNOWN_FEATURE,
                    "The feature '" + feature + "' is not known.", null);
        }
        Resolved r = resolved.get();
        Allowance a = r.allowance();
        if (!a.enabled()) {
            return new Decision(feature, false, 0, 0L, 0L, null, false, 0, Denial.FEATURE_NOT_IN_PLAN,
                    "The " + r.tier() + " plan does not include " + feature + ".", upgradeUrl);
        }
        if (r.feature().type() == FeatureType.BOOLEAN) {
            return new Decision(feature, true, 0, null, null, null, false, 0, null, null, null);
        }
        long used = ledger.used(org.id(), feature, r.window().start());
        Instant resetAt = r.window().end();
        if (a.limit() == null) {
            return new Decision(feature, true, used, null, null, resetAt, false, 0, null, null, null);
        }
        long limit = a.limit();
        long after = saturatingAdd(used, Math.max(quantity, 0));
        long available = Math.max(limit - used, 0);
        if (after <= limit || quantity <= 0) {
            return new Decision(feature, true, used, limit, available, resetAt, a.soft(), 0, null, null, null);
        }
        if (a.soft()) {
            return new Decision(feature, true, used, limit, available, resetAt, true, after - limit, null,
                    "Over the soft limit for " + feature + ": the overage is allowed and reported.", upgradeUrl);
        }
        return new Decision(feature, false, used, limit, available, resetAt, false, 0, Denial.LIMIT_EXCEEDED,
                limitMessage(feature, used, limit), upgradeUrl);
    }

    /**
     * Counts {@code quantity} (negative: a release, gauges only) if the limit allows it, atomically;
     * inside the caller's transaction. The decision carries the usage after counting.
     *
     * @return the decision; a refusal is {@link Denial#LIMIT_EXCEEDED} or {@link Denial#FEATURE_NOT_IN_PLAN}
     */
    Decision count(Resolved r, OrganizationId org, long quantity) {
        Allowance a = r.allowance();
        String feature = r.feature().key();
        if (!a.enabled()) {
            return notInPlan(r);
        }
        Instant start = r.window().start();
        OptionalLong after = ledger.add(org, feature, start, quantity, a.ceiling());
        if (after.isEmpty()) {
            return refused(r, ledger.used(org, feature, start));
        }
        long used = after.getAsLong();
        if (a.limit() != null) {
            thresholds(org, r, used - Math.max(quantity, 0), used);
        }
        return granted(r, used);
    }

    /** A refusal: the counter ({@code used}) would pass the hard limit. */
    Decision refused(Resolved r, long used) {
        String feature = r.feature().key();
        Allowance a = r.allowance();
        return new Decision(feature, false, used, a.limit(), Math.max(a.limit() - used, 0), r.window().end(), false, 0,
                Denial.LIMIT_EXCEEDED, limitMessage(feature, used, a.limit()), upgradeUrl);
    }

    /** A decision that counted: the counter is now {@code used}. */
    Decision granted(Resolved r, long used) {
        String feature = r.feature().key();
        Allowance a = r.allowance();
        if (a.limit() == null) {
            return new Decision(feature, true, used, null, null, r.window().end(), false, 0, null, null, null);
        }
        long limit = a.limit();
        return new Decision(feature, true, used, limit, Math.max(limit - used, 0), r.window().end(), a.soft(),
                Math.max(used - limit, 0), null, null, null);
    }

    /** The refusal of a feature the organization's plan does not include. */
    Decision notInPlan(Resolved r) {
        String feature = r.feature().key();
        return new Decision(feature, false, 0, 0L, 0L, null, false, 0, Denial.FEATURE_NOT_IN_PLAN,
                "The " + r.tier() + " plan does not include " + feature + ".", upgradeUrl);
    }

    /**
     * For product use cases, inside their transaction: counts {@code quantity} of a product feature
     * for the organization, or says why not (403 {@code feature_limit_reached}). A feature the catalog
     * does not define is not enforced.
     */
    @Override
    public Optional<Failure> consume(OrganizationId organization, String feature, long quantity) {
        if (!enforced) {
            return Optional.empty();
        }
        Optional<Organization> org = organizations.byId(organization);
        if (org.isEmpty()) {
            return Optional.empty();
        }
        Optional<Resolved> r = resolve(org.get(), feature);
        if (r.isEmpty() || r.get().feature().type() == FeatureType.BOOLEAN) {
            return Optional.empty();
        }
        Decision d = count(r.get(), organization, quantity);
        return d.allowed() ? Optional.empty() : Optional.of(failure(d));
    }

    /** For product use cases, inside their transaction: gives back {@code quantity} of a gauge. */
    @Override
    public void release(OrganizationId organization, String feature, long quantity) {
        if (!enforced || quantity <= 0) {
            return;
        }
        Optional<Feature> f = catalog.feature(feature);
        if (f.isPresent() && f.get().gauge()) {
            ledger.add(organization, feature, Instant.EPOCH, -quantity, Long.MAX_VALUE);
        }
    }

    /** The 403 {@code feature_limit_reached} for a refusal. */
    public static Failure failure(Decision d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("feature", d.feature());
        details.put("limit", d.limit());
        details.put("current_usage", d.currentUsage());
        details.put("upgrade_url", d.upgradeUrl());
        details.put("reason", d.reason().name());
        return new Failure(Reason.LIMIT_REACHED, d.message(), Map.of(), details);
    }

    /** Records {@value #THRESHOLD_EVENT} for each threshold the counter crossed from {@code before} to {@code after} (hard or soft limits). */
    void thresholds(OrganizationId org, Resolved r, long before, long after) {
        if (r.allowance().limit() == null) {
            return;
        }
        long limit = r.allowance().limit();
        if (limit <= 0 || after <= before) {
            return;
        }
        for (int percent : THRESHOLDS) {
            boolean crossed = before * 100 < limit * percent && after * 100 >= limit * percent;
            if (crossed && ledger.markThreshold(org, r.feature().key(), r.window().start(), percent)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("organization_id", org.text());
                data.put("feature", r.feature().key());
                data.put("threshold", percent);
                data.put("used", after);
                data.put("limit", limit);
                data.put("soft", r.allowance().soft());
                data.put("period", r.allowance().period().wire());
                if (r.window().end() != null) {
                    data.put("period_start", r.window().start().toString());
                    data.put("reset_at", r.window().end().toString());
                }
                events.record(new dev.gatehouse.core.events.EntitlementEvent.ThresholdReached(org, data));
            }
        }
    }

    static String limitMessage(String feature, long used, long limit) {
        return "You have reached your limit for " + feature + ". Used: " + used + ", limit: " + limit + ".";
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Product features whose quantity may go down (releases): the gauges. */
    public List<Feature> gauges() {
        return catalog.features().values().stream().filter(Feature::gauge).toList();
    }
}
