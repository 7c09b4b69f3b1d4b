package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.TenancyStores;
import dev.gatehouse.core.tenancy.TenancyUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The tenancy feature as a bean: its use cases, wired by {@link TenancyUseCases#wire} inside
 * {@link Gatehouse} over the active {@code TenancyStores} bean (memory or PostgreSQL). The
 * organization, member, invitation, project and environment routes and the project purge job inject
 * this, never the facade. The sessions feature reads organizations and memberships, so those two
 * stores of the active {@code TenancyStores} are beans of their own as well.
 */
@Factory
class TenancyFactory {
    @Singleton
    TenancyUseCases tenancyUseCases(Gatehouse gatehouse) {
        return gatehouse.tenancy();
    }

    @Singleton
    Organizations organizations(TenancyStores stores) {
        return stores.organizations();
    }

    @Singleton
    Memberships memberships(TenancyStores stores) {
        return stores.memberships();
    }
}
