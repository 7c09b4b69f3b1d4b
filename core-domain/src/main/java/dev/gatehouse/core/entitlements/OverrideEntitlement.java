package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets an organization's own allowance for a feature, replacing its plan's (platform admins only,
 * like plan changes). {@code limit} is a whole number, {@code "unlimited"}, or for a boolean feature
 * {@code true}/{@code false}; {@code period} (counters) defaults to the feature's, {@code soft} to
 * false. Audit {@code entitlement.overridden}, event of the same name.
 */
public record OverrideEntitlement(Entitlements entitlements, EntitlementOverrides overrides, EntitlementAccess access,
                                  Platform platform) {
    /** @param limit a Number, "unlimited", or a Boolean (boolean features) */
    public record Command(Caller caller, OrganizationId organization, String feature, Object limit, String period, Boolean soft) {
    }

    public Result<Entitlements.Resolved> handle(Command c) {
        var feature = entitlements.catalog().feature(c.feature());
        if (feature.isEmpty()) {
            return Result.fail(Failure.invalid("feature", "unknown feature '" + c.feature() + "'"));
        }
        Result<Allowance> allowance = allowance(feature.get(), c);
        if (!allowance.isOk()) {
            return Result.fail(allowance.failure());
        }
        return platform.transactions().inTransaction(() -> access.forPlatformAdmin(caller(c), c.organization(), "override entitlements")
                .flatMap(org -> {
                    var before = entitlements.resolve(org, feature.get().key()).orElseThrow();
                    overrides.put(new EntitlementOverride(org.id(), feature.get().key(), allowance.value(),
                            platform.clock().instant(), c.caller().principal().id()));
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("feature", feature.get().key());
                    summary.put("before", describe(before.allowance()));
                    summary.put("after", describe(allowance.value()));
                    platform.auditor().record(c.caller(), "entitlement.overridden", "organization", org.id(), org.id(), summary);
                    Map<String, Object> data = new LinkedHashMap<>(summary);
                    data.put("organization_id", org.id().text());
                    platform.events().record(new dev.gatehouse.core.events.EntitlementEvent.EntitlementOverridden(org.id(), data));
                    return Result.ok(entitlements.resolve(org, feature.get().key()).orElseThrow());
                }));
    }

    private static Caller caller(Command c) {
        return c.caller();
    }

    static Map<String, Object> describe(Allowance a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", a.enabled());
        m.put("limit", a.limit());
        m.put("period", a.period().wire());
        m.put("soft", a.soft());
        return m;
    }

    private static Result<Allowance> allowance(Feature f, Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Object limit = c.limit();
        Period period = f.period();
        if (c.period() != null) {
            var p = Period.parse(c.period());
            if (p.isEmpty()) {
                errors.put("period", List.of("must be one of: " + Period.choices()));
            } else if (f.type() != FeatureType.COUNTER && p.get() != Period.NONE) {
                errors.put("period", List.of("only counters reset; " + f.key() + " is a " + f.type().wire()));
            } else {
                period = p.get();
            }
        }
        boolean soft = Boolean.TRUE.equals(c.soft());
        Allowance out = null;
        if (f.type() == FeatureType.BOOLEAN) {
            if (limit instanceof Boolean b) {
                out = new Allowance(b, null, Period.NONE, false);
            } else {
                errors.put("limit", List.of("a boolean feature takes true or false"));
            }
            if (Boolean.TRUE.equals(c.soft())) {
                errors.put("soft", List.of("a boolean feature has no limit to be soft"));
            }
        } else if (limit instanceof String s && s.strip().toLowerCase(Locale.ROOT).equals("unlimited")) {
            out = new Allowance(true, null, period, false);
        } else if (limit instanceof Number n && (n instanceof Integer || n instanceof Long
                || n instanceof java.math.BigInteger && ((java.math.BigInteger) n).bitLength() < 63)) {
            long value = n.longValue();
            if (value < 0) {
                errors.put("limit", List.of("must not be negative"));
            } else {
                out = new Allowance(true, value, period, soft);
            }
        } else {
            errors.put("limit", List.of(limit == null ? "is required" : "must be a whole number or \"unlimited\""));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return Result.ok(out);
    }
}
