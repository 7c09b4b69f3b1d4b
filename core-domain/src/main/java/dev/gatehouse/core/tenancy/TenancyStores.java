package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.util.Objects;

/**
 * The tenancy feature's driven ports: organizations, their memberships and invitations, projects and
 * their environments. Providers: {@code MemoryTenancyStores} (core, in memory) and the PostgreSQL
 * adapter's factory.
 */
public record TenancyStores(Organizations organizations, Memberships memberships, Invitations invitations,
                            Projects projects, Environments environments) {
    public TenancyStores {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
    }
}
