package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.approvals.ApprovalUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The approvals feature as a bean: its use cases, wired by {@link ApprovalUseCases#wire} inside
 * {@link Gatehouse} over the active {@code ApprovalStores} bean (memory or PostgreSQL). The approval
 * routes and the expiry job inject this, never the facade.
 */
@Factory
class ApprovalFactory {
    @Singleton
    ApprovalUseCases approvalUseCases(Gatehouse gatehouse) {
        return gatehouse.approvals();
    }
}
