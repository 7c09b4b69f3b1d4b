package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.entitlements.UsageLeases;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The entitlements feature as a bean: its use cases, wired by {@link EntitlementUseCases#wire} inside
 * {@link Gatehouse} over the active {@code EntitlementStores} bean (memory or PostgreSQL). The
 * entitlement routes inject this, never the facade.
 */
@Factory
class EntitlementFactory {
    @Singleton
    EntitlementUseCases entitlementUseCases(Gatehouse gatehouse) {
        return gatehouse.entitlements();
    }

    /** This instance's quota leases of recorded usage (ADR 0039): their unspent units go back on shutdown. */
    @Context
    @Bean(preDestroy = "close")
    UsageLeases usageLeases(EntitlementUseCases entitlements) {
        return entitlements.recordUsage().leases();
    }
}
