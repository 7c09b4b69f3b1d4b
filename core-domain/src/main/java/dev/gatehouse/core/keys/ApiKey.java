package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API key as stored: never its secret, only the SHA-256 {@code hash} of it and a display
 * {@code prefix}. An organization key has neither project nor environment; a project key has both.
 *
 * @param createdBy      the creating principal's id ({@code usr_…}, {@code key_…}, {@code system:…})
 * @param expiresAt      null when it never expires
 * @param rateLimitTier  null for the organization's tier
 * @param lastUsedAt     not maintained yet (write-behind arrives later)
 * @param revokedAt      set with {@link ApiKeyStatus#REVOKED}
 */
public record ApiKey(ApiKeyId id, OrganizationId organizationId, ProjectId projectId, EnvironmentId environmentId,
                     String name, Set<String> scopes, String hash, String prefix, Instant expiresAt,
                     String rateLimitTier, String createdBy, Instant createdAt, Instant lastUsedAt,
                     ApiKeyStatus status, Instant revokedAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        if ((projectId == null) != (environmentId == null)) {
            throw new IllegalArgumentException("a project key has both project and environment, an organization key neither");
        }
        scopes = java.util.Collections.unmodifiableSet(new TreeSet<>(scopes));
    }

    public Optional<ProjectId> project() {
        return Optional.ofNullable(projectId);
    }

    public Optional<EnvironmentId> environment() {
        return Optional.ofNullable(environmentId);
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** The status as of {@code now}: an active key past its expiry is expired, whatever the row says. */
    public ApiKeyStatus statusAt(Instant now) {
        if (status == ApiKeyStatus.ACTIVE && expiresAt != null && !now.isBefore(expiresAt)) {
            return ApiKeyStatus.EXPIRED;
        }
        return status;
    }

    public ApiKey revoked(Instant now) {
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, lastUsedAt, ApiKeyStatus.REVOKED, now);
    }
}
