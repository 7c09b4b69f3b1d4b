package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Map;
import java.util.Optional;

/**
 * Records usage of a feature ({@code usage:write}; an API key's organization is implied), atomically
 * with the check: the usage record and the counter change commit together, and a hard limit is never
 * passed under any concurrency; past it the answer is 403
 * {@code feature_limit_reached} and nothing is recorded. A soft limit counts the overage and reports
 * it. Negative quantities (releases) only for gauges. The features Gatehouse counts itself
 * ({@link Feature#MANAGED}: members, projects, API keys, webhooks) cannot be recorded here (422), or a
 * caller could release the seats it holds. Not audited: the usage records are the trail.
 *
 * <p>A positive quantity is granted from this instance's quota lease and stored in a group commit
 * ({@link UsageLeases}, ADR 0039): the answer comes after the commit. A release (negative quantity)
 * counts directly ({@link UsageLedger#add}) in the request's own transaction.
 */
public record RecordUsage(Entitlements entitlements, EntitlementAccess access, Platform platform, UsageLeases leases) {
    public static final long MAX_QUANTITY = 1_000_000_000_000_000L;
    public static final int MAX_METADATA_ENTRIES = 50;

    public record Command(Caller caller, OrganizationId organization, String feature, Long quantity,
                          Map<String, Object> metadata) {
    }

    /** This instance's quota leases (ADR 0039): closed on shutdown to give unspent units back. */
    public UsageLeases leases() {
        return leases;
    }

    public Result<Entitlements.Decision> handle(Command c) {
        if (c.feature() == null || c.feature().isBlank()) {
            return Result.fail(Failure.invalid("feature", "is required"));
        }
        var metadataProblem = Text.dataProblem(c.metadata());
        if (metadataProblem.isPresent()) {
            return Result.fail(Failure.invalid("metadata", metadataProblem.get()));
        }
        String key = c.feature().strip();
        Optional<Feature> feature = entitlements.catalog().feature(key);
        if (feature.isEmpty()) {
            return Result.fail(Failure.invalid("feature", "unknown feature '" + key + "'")
                    .withDetail("reason", Entitlements.Denial.UNKNOWN_FEATURE.name()));
        }
        if (feature.get().type() == FeatureType.BOOLEAN) {
            return Result.fail(Failure.invalid("feature", key + " is a boolean feature; it has no usage to record"));
        }
        if (feature.get().managed()) {
            return Result.fail(Failure.invalid("feature", key + " is counted by Gatehouse itself (as they are created and "
                    + "removed); its usage cannot be recorded"));
        }
        long quantity = c.quantity() == null ? 1 : c.quantity();
        if (quantity == 0 || Math.abs(quantity) > MAX_QUANTITY) {
            return Result.fail(Failure.invalid("quantity", "must be a non-zero whole number of at most " + MAX_QUANTITY));
        }
        if (quantity < 0 && !feature.get().gauge()) {
            return Result.fail(Failure.invalid("quantity", "must be positive: only gauges (storage, posts, …) take releases, and "
                    + key + " is a " + feature.get().type().wire()));
        }
        if (c.metadata() != null && c.metadata().size() > MAX_METADATA_ENTRIES) {
            return Result.fail(Failure.invalid("metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries"));
        }
        if (quantity > 0) {
            // Leased: the check and the resolution read in one snapshot, the record joins a group commit.
            Result<Map.Entry<OrganizationId, Entitlements.Resolved>> target = platform.transactions().readOnly(() ->
                    access.organizationFor(c.caller(), c.organization(), "usage_write")
                            .map(org -> Map.entry(org.id(), entitlements.resolve(org, key).orElseThrow())));
            if (!target.isOk()) {
                return Result.fail(target.failure());
            }
            var resolved = target.value().getValue();
            Entitlements.Decision d = resolved.allowance().enabled()
                    ? leases.record(resolved, new UsageRecord(platform.ids().newId(), target.value().getKey(), key, quantity,
                            c.metadata(), c.caller().principal().id(), platform.clock().instant()))
                    : entitlements.notInPlan(resolved);
            return d.allowed() ? Result.ok(d) : Result.fail(Entitlements.failure(d));
        }
        return platform.transactions().inTransaction(() -> access.organizationFor(c.caller(), c.organization(), "usage_write").flatMap(org -> {
            var resolved = entitlements.resolve(org, key).orElseThrow();
            // The record first, the counter last: the counter row is the contended one, held until commit.
            entitlements.ledger().append(new UsageRecord(platform.ids().newId(), org.id(), key, quantity, c.metadata(),
                    c.caller().principal().id(), platform.clock().instant()));
            Entitlements.Decision d = entitlements.count(resolved, org.id(), quantity);
            return d.allowed() ? Result.ok(d) : Result.<Entitlements.Decision>fail(Entitlements.failure(d));
        }));
    }
}
