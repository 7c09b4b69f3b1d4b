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
 * @param lastUsedAt     when it last authenticated or verified, written behind ({@link LastUsedRecorder}); null if never
 * @param revokedAt      set with {@link ApiKeyStatus#REVOKED}
 * @param rotationEndsAt set when rotated with a grace period: its end (never past {@code expiresAt}); kept afterwards
 * @param replacedBy     set when rotated: the key that replaces this one; kept afterwards
 * @param expiryWarnings how many of the {@link #EXPIRY_WARNINGS} have been sent (0, 1 or 2)
 * @param revokedReason  set with {@link ApiKeyStatus#REVOKED}: {@link #REVOKED_MANUALLY}, or the
 *                       {@link dev.gatehouse.core.lifecycle.Cause} that revoked it ({@code organization_deleted}, …)
 */
public record ApiKey(ApiKeyId id, OrganizationId organizationId, ProjectId projectId, EnvironmentId environmentId,
                     String name, Set<String> scopes, String hash, String prefix, Instant expiresAt,
                     String rateLimitTier, String createdBy, Instant createdAt, Instant lastUsedAt,
                     ApiKeyStatus status, Instant revokedAt, Instant rotationEndsAt, ApiKeyId replacedBy,
                     int expiryWarnings, String revokedReason) {
    public static final int MAX_NAME_LENGTH = 100;
    /** The {@code revoked_reason} of a key revoked through {@code DELETE /api/v1/api-keys/{id}}. */
    public static final String REVOKED_MANUALLY = "manual";
    /** How long before {@code expires_at} an {@code api_key.expiring} event is sent: 7 days, then 1 day. */
    public static final java.util.List<java.time.Duration> EXPIRY_WARNINGS =
            java.util.List.of(java.time.Duration.ofDays(7), java.time.Duration.ofDays(1));

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
        if (status == ApiKeyStatus.ROTATING && (rotationEndsAt == null || replacedBy == null)) {
            throw new IllegalArgumentException("a rotating key has a rotation end and a successor");
        }
        if (expiryWarnings < 0 || expiryWarnings > EXPIRY_WARNINGS.size()) {
            throw new IllegalArgumentException("expiryWarnings out of range: " + expiryWarnings);
        }
        scopes = java.util.Collections.unmodifiableSet(new TreeSet<>(scopes));
        if (status != ApiKeyStatus.REVOKED) {
            revokedReason = null;
        } else if (revokedReason == null) {
            revokedReason = REVOKED_MANUALLY;
        }
    }

    /** A key that was never revoked (or whose reason is not known). */
    public ApiKey(ApiKeyId id, OrganizationId organizationId, ProjectId projectId, EnvironmentId environmentId,
                  String name, Set<String> scopes, String hash, String prefix, Instant expiresAt,
                  String rateLimitTier, String createdBy, Instant createdAt, Instant lastUsedAt,
                  ApiKeyStatus status, Instant revokedAt, Instant rotationEndsAt, ApiKeyId replacedBy,
                  int expiryWarnings) {
        this(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt, rateLimitTier, createdBy,
                createdAt, lastUsedAt, status, revokedAt, rotationEndsAt, replacedBy, expiryWarnings, null);
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

    /**
     * The status as of {@code now}: an active or rotating key past its expiry, or a rotating key past
     * the end of its grace period, is expired, whatever the row says (the lifecycle job catches up).
     */
    public ApiKeyStatus statusAt(Instant now) {
        if (status == ApiKeyStatus.ACTIVE || status == ApiKeyStatus.ROTATING) {
            Instant end = usableUntil();
            if (end != null && !now.isBefore(end)) {
                return ApiKeyStatus.EXPIRED;
            }
        }
        return status;
    }

    /** Whether the key authenticates at {@code now}: active, or rotating within its grace period. */
    public boolean usableAt(Instant now) {
        ApiKeyStatus s = statusAt(now);
        return s == ApiKeyStatus.ACTIVE || s == ApiKeyStatus.ROTATING;
    }

    /**
     * Whether the key counts against its organization's {@code api_keys} limit: while stored as active.
     * Rotation hands the slot to the successor; revocation and expiry give it back.
     */
    public boolean holdsPlanSlot() {
        return status == ApiKeyStatus.ACTIVE;
    }

    /** The first instant the key stops working by itself (expiry or end of rotation), or null for never. */
    public Instant usableUntil() {
        if (status == ApiKeyStatus.ROTATING) {
            return expiresAt == null || rotationEndsAt.isBefore(expiresAt) ? rotationEndsAt : expiresAt;
        }
        return status == ApiKeyStatus.ACTIVE ? expiresAt : null;
    }

    public ApiKey revoked(Instant now) {
        return revoked(now, REVOKED_MANUALLY);
    }

    /** This key, revoked at {@code now} for {@code reason} ({@link #REVOKED_MANUALLY} or a cascade's cause). */
    public ApiKey revoked(Instant now, String reason) {
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, lastUsedAt, ApiKeyStatus.REVOKED, now, rotationEndsAt, replacedBy, expiryWarnings,
                Objects.requireNonNull(reason, "reason"));
    }

    /** This key, kept working until {@code endsAt} (capped at its own expiry) while {@code successor} takes over. */
    public ApiKey rotating(Instant endsAt, ApiKeyId successor) {
        // whole microseconds, as stores keep them: a store that rounds up must not stretch the grace
        Instant end = (expiresAt != null && expiresAt.isBefore(endsAt) ? expiresAt : endsAt).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, lastUsedAt, ApiKeyStatus.ROTATING, null, end, successor, expiryWarnings);
    }

    /** This key, stored as expired (its expiry or its rotation's grace period has passed). */
    public ApiKey expired() {
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, lastUsedAt, ApiKeyStatus.EXPIRED, null, rotationEndsAt, replacedBy,
                expiryWarnings);
    }

    public ApiKey withExpiryWarnings(int sent) {
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, lastUsedAt, status, revokedAt, rotationEndsAt, replacedBy, sent, revokedReason);
    }

    public ApiKey withLastUsedAt(Instant at) {
        return new ApiKey(id, organizationId, projectId, environmentId, name, scopes, hash, prefix, expiresAt,
                rateLimitTier, createdBy, createdAt, at, status, revokedAt, rotationEndsAt, replacedBy, expiryWarnings, revokedReason);
    }
}
