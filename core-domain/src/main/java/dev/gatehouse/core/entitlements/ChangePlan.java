package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organization;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Moves an organization to another tier (platform admins only; anyone else who can see the
 * organization gets 403). The subscription start (the anchor of reset periods) stays: counters of
 * the current period keep counting against the new limits. Audit and event
 * {@code organization.plan_changed}. Choosing the current tier changes nothing.
 */
public record ChangePlan(Organizations organizations, EntitlementAccess access, Platform platform) {
    public Result<Organization> handle(Caller caller, OrganizationId id, String tier) {
        String wanted = tier == null ? null : tier.strip().toLowerCase(Locale.ROOT);
        if (wanted == null || wanted.isEmpty()) {
            return Result.fail(Failure.invalid("tier", "is required"));
        }
        if (!PlanCatalog.TIERS.contains(wanted)) {
            return Result.fail(Failure.invalid("tier", "must be one of: " + String.join(", ", PlanCatalog.TIERS)));
        }
        return platform.transactions().inTransaction(() -> access.forPlatformAdmin(caller, id, "change plans").flatMap(org -> {
            if (org.tier().equals(wanted)) {
                return Result.ok(org);
            }
            Organization changed = new Organization(org.id(), org.name(), org.slug(), wanted, org.settings(), org.createdAt(),
                    platform.clock().instant(), null);
            if (!organizations.update(changed)) {
                return Result.<Organization>fail(Failure.conflict("The organization changed meanwhile; try again."));
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            Auditor.change(summary, "tier", org.tier(), wanted);
            platform.auditor().record(caller, "organization.plan_changed", "organization", id, id, summary);
            platform.events().record(new dev.gatehouse.core.events.EntitlementEvent.PlanChanged(id, org.tier(), wanted));
            return Result.ok(changed);
        }));
    }
}
