package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.UsageLedger;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.keys.KeyRevocations;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.memory.LoggingMailer;
import dev.gatehouse.core.tenancy.InvitationLinks;
import dev.gatehouse.core.tenancy.Invitations;
import dev.gatehouse.core.tenancy.Mailer;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Builds the domain by hand from whichever stores are active (memory or PostgreSQL), the active
 * {@link Authorizer} (local or SpiceDB) and the adapters' infrastructure (Argon2id from the HTTP
 * adapter). No core package is scanned.
 */
@Factory
class CoreWiring {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdGenerator idGenerator(Clock clock) {
        return new SecureIdGenerator(clock);
    }

    /** The default mailer logs recipient and subject only; a deployment that mails replaces this bean. */
    @Singleton
    Mailer mailer() {
        return new LoggingMailer();
    }

    /**
     * The plan catalog: {@code gatehouse.plans.file} ({@code GATEHOUSE_PLANS_FILE}) when set, else the
     * bundled one. A file that cannot be read or parsed stops the start with a message naming the line
     * and key.
     */
    @Singleton
    PlanCatalog planCatalog(@Property(name = "gatehouse.plans.file") @Nullable String file) {
        return PlanCatalog.fromPathOrBundled(file);
    }

    @Singleton
    Gatehouse gatehouse(Clock clock, IdGenerator ids, Transactions tx, Users users, PasswordHasher hasher,
                        AuditLog auditLog, IdempotencyRecords idempotencyRecords, SigningKeys signingKeys,
                        Relationships relationships, Authorizer authorizer, EventOutbox eventOutbox,
                        Projects projects, Environments environments,
                        Organizations organizations, Memberships memberships, Invitations invitations, Mailer mailer,
                        dev.gatehouse.core.keys.ApiKeys apiKeys, @Nullable KeyRevocations keyRevocations,
                        @Property(name = "gatehouse.invitations.accept-url-base") @Nullable String acceptUrlBase,
                        PlanCatalog planCatalog, EntitlementOverrides entitlementOverrides, UsageLedger usageLedger,
                        @Property(name = "gatehouse.entitlements.upgrade-url") @Nullable String upgradeUrl) {
        return Gatehouse.builder()
                .clock(clock)
                .ids(ids)
                .transactions(tx)
                .users(users)
                .passwordHasher(hasher)
                .auditLog(auditLog)
                .idempotencyRecords(idempotencyRecords)
                .signingKeys(signingKeys)
                .relationships(relationships)
                .authorizer(authorizer)
                .eventOutbox(eventOutbox)
                .projects(projects)
                .environments(environments)
                .organizations(organizations)
                .memberships(memberships)
                .invitations(invitations)
                .apiKeys(apiKeys)
                .keyRevocations(keyRevocations == null ? KeyRevocations.none() : keyRevocations)
                .mailer(mailer)
                .invitationLinks(acceptUrlBase == null || acceptUrlBase.isBlank() ? InvitationLinks.defaults()
                        : new InvitationLinks(acceptUrlBase.strip()))
                .planCatalog(planCatalog)
                .entitlementOverrides(entitlementOverrides)
                .usageLedger(usageLedger)
                .upgradeUrl(upgradeUrl == null || upgradeUrl.isBlank() ? Gatehouse.DEFAULT_UPGRADE_URL : upgradeUrl.strip())
                .build();
    }
}
