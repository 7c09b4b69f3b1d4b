package dev.gatehouse.core.shared;

import java.util.Optional;

/**
 * The counted allowances of an organization's plan, as the use cases that create and remove counted
 * things see them (members, projects, API keys): take a slot before creating, give it back when
 * removing. The entitlements feature implements it ({@code entitlements.Entitlements}); declaring it
 * here keeps tenancy and keys independent of the entitlements package (no package cycle).
 */
public interface Quota {
    /** The product's own counted features (the entitlements catalog's keys). */
    String MEMBERS = "members";
    String PROJECTS = "projects";
    String API_KEYS = "api_keys";
    String WEBHOOKS = "webhooks";

    /** Takes {@code quantity} of {@code feature}; a 403 {@code feature_limit_reached} when the plan has no room. */
    Optional<Failure> consume(OrganizationId organization, String feature, long quantity);

    /** Gives back {@code quantity} of {@code feature}. */
    void release(OrganizationId organization, String feature, long quantity);

    /** No limits: nothing is counted. */
    static Quota unlimited() {
        return new Quota() {
            @Override
            public Optional<Failure> consume(OrganizationId organization, String feature, long quantity) {
                return Optional.empty();
            }

            @Override
            public void release(OrganizationId organization, String feature, long quantity) {
            }
        };
    }
}
