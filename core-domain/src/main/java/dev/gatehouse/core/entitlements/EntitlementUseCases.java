package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.Organizations;

/**
 * The entitlements feature: the engine other features count against (as {@code shared.Quota}) and
 * the plan and usage use cases, wired once by {@link #wire}. The HTTP adapter's entitlement routes
 * inject this record; an embedder reaches it as {@code gatehouse.entitlements()}.
 *
 * @param engine            consume/release for product use cases, checks, counting, threshold events
 * @param organizationPlans which tier an organization is on (for the rate limiter)
 */
public record EntitlementUseCases(Entitlements engine, OrganizationPlans organizationPlans, ListPlans listPlans,
                                  ChangePlan changePlan, OverrideEntitlement overrideEntitlement,
                                  CheckEntitlement checkEntitlement, RecordUsage recordUsage,
                                  SummarizeEntitlements summarizeEntitlements) {

    /** @param upgradeUrl where {@code upgrade_url} points when a limit refuses */
    public static EntitlementUseCases wire(EntitlementStores stores, Platform platform, PlanCatalog catalog,
                                           Organizations organizations, String upgradeUrl) {
        var engine = new Entitlements(catalog, organizations, stores.overrides(), stores.usageLedger(), platform.events(),
                platform.clock(), upgradeUrl);
        var access = new EntitlementAccess(organizations, platform.access());
        return new EntitlementUseCases(engine,
                new OrganizationPlans(organizations, platform.transactions()),
                new ListPlans(engine),
                new ChangePlan(organizations, access, platform),
                new OverrideEntitlement(engine, stores.overrides(), access, platform),
                new CheckEntitlement(engine, access, platform.transactions()),
                new RecordUsage(engine, access, platform,
                        new UsageLeases(engine, platform.transactions(), platform.clock(), UsageLeases.Settings.defaults())),
                new SummarizeEntitlements(engine, access, platform.transactions()));
    }
}
