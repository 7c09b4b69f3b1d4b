package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant. Deleting one is soft ({@code deletedAt}): the row stays for the audit trail, but the
 * organization is gone for every reader and its slug is free again. The {@code tier} starts at
 * {@value #DEFAULT_TIER}; only plan changes (later) move it.
 */
public record Organization(OrganizationId id, String name, Slug slug, String tier, OrganizationSettings settings,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {
    public static final String DEFAULT_TIER = "free";
    public static final int MAX_NAME_LENGTH = 200;

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Organization create(OrganizationId id, String name, Slug slug, OrganizationSettings settings, Instant now) {
        return new Organization(id, name, slug, DEFAULT_TIER, settings, now, now, null);
    }

    public Organization changed(String newName, Slug newSlug, OrganizationSettings newSettings, Instant now) {
        return new Organization(id, newName, newSlug, tier, newSettings, createdAt, now, null);
    }

    public Organization deleted(Instant now) {
        return new Organization(id, name, slug, tier, settings, createdAt, now, now);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
