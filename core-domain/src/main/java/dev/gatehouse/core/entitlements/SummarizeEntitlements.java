package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organization;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every feature of the catalog for one organization: usage, limit, what is left, when it resets ({@code entitlements:read}). */
public record SummarizeEntitlements(Entitlements entitlements, EntitlementAccess access, Transactions tx) {
    /** One feature; {@code limit}, {@code available} and {@code percentage} are null when unlimited or boolean. */
    public record Item(Feature feature, boolean enabled, long used, Long limit, Long available, BigDecimal percentage,
                       Instant resetAt, Period period, boolean soft, boolean overridden) {
    }

    public record Summary(Organization organization, List<Item> items) {
    }

    public Result<Summary> handle(Caller caller, OrganizationId organization) {
        return tx.readOnly(() -> access.organizationFor(caller, organization, "entitlements_read").map(org -> {
            List<Item> items = new ArrayList<>();
            for (Feature f : entitlements.catalog().features().values()) {
                var r = entitlements.resolve(org, f.key()).orElseThrow();
                Allowance a = r.allowance();
                boolean metered = f.type() != FeatureType.BOOLEAN;
                long used = metered && a.enabled() ? entitlements.ledger().used(org.id(), f.key(), r.window().start()) : 0;
                Long limit = metered ? a.limit() : null;
                Long available = limit == null ? null : Math.max(limit - used, 0);
                BigDecimal percentage = limit == null ? null : limit == 0 ? (used > 0 ? BigDecimal.valueOf(100) : BigDecimal.ZERO)
                        : BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(limit), 2, RoundingMode.HALF_UP);
                if (percentage != null) {
                    percentage = percentage.stripTrailingZeros();
                    percentage = percentage.scale() < 0 ? percentage.setScale(0) : percentage;
                }
                items.add(new Item(f, a.enabled(), used, limit, available, percentage, metered ? r.window().end() : null,
                        a.period(), a.soft(), r.overridden()));
            }
            return new Summary(org, items);
        }));
    }
}
