package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;

import java.util.Optional;

/**
 * Which tier an organization is on, for other parts of the product (the rate limiter sizes its
 * buckets by it). The tier is the organization's {@code tier}, changed by {@link ChangePlan}.
 */
public record OrganizationPlans(Organizations organizations, Transactions tx) {
    /** The tier ({@code free} … {@code enterprise}) of a live organization; empty for a missing or deleted one. */
    public Optional<String> tierOf(OrganizationId organization) {
        return tx.readOnly(() -> organizations.byId(organization)).map(Organization::tier);
    }
}
