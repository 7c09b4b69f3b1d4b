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

    /**
     * A new active key of {@code organization} (with {@code project} and {@code environment}, or
     * neither), holding {@code secret}'s hash and display prefix.
     *
     * @param expiresAt null for never
     * @param rateLimitTier null for the organization's tier
     */
    public static ApiKey issue(ApiKeyId id, OrganizationId organization, ProjectId project, EnvironmentId environment,
                               String name, Set<String> scopes, ApiKeySecret secret, Instant expiresAt,
                               String rateLimitTier, String createdBy, Instant now) {
        return new ApiKey(id, organization, project, environment, name, scopes, secret.hash(), secret.displayPrefix(),
                expiresAt, rateLimitTier, createdBy, now, null, ApiKeyStatus.ACTIVE, null, null, null, 0, null);
    }

    /** The key that replaces this one on rotation: same owner, name, scopes and tier; this key's expiry unless {@code expiresAt} is given. */
    public ApiKey successor(ApiKeyId id, ApiKeySecret secret, Instant expiresAt, String createdBy, Instant now) {
        return issue(id, organizationId, projectId, environmentId, name, scopes, secret,
                expiresAt != null ? expiresAt : this.expiresAt, rateLimitTier, createdBy, now);
    }

    /** What {@link #revoke} did. */
    public sealed interface Revocation {
        ApiKey key();

        /** @param freesSlot whether the key held an {@code api_keys} slot of the plan, now given back */
        record Revoked(ApiKey key, boolean freesSlot) implements Revocation {
        }

        /** It was revoked already: nothing changes. */
        record AlreadyRevoked(ApiKey key) implements Revocation {
        }
    }

    /** Revokes this key at {@code now} for {@code reason} ({@link #REVOKED_MANUALLY} or a cascade's cause); a revoked key stays as it is. */
    public Revocation revoke(Instant now, String reason) {
        if (status == ApiKeyStatus.REVOKED) {
            return new Revocation.AlreadyRevoked(this);
        }
        return new Revocation.Revoked(revoked(now, reason), holdsPlanSlot());
    }

    /** What {@link #rotate} did. */
    public sealed interface Rotation {
        /** @param previous this key, rotating until the grace period ends (revoked at once for a grace period of 0) */
        record Started(ApiKey previous, boolean immediate) implements Rotation {
        }

        /** Only an active key rotates. @param successor the key a rotating one already passed to, else null */
        record NotActive(ApiKeyStatus status, ApiKeyId successor) implements Rotation {
        }
    }

    /**
     * Starts handing over to {@code successor}: this key keeps working for {@code grace} (never past its
     * own expiry), or is revoked at once when {@code grace} is zero. Only a key active at {@code now} rotates.
     */
    public Rotation rotate(Instant now, java.time.Duration grace, ApiKeyId successor) {
        ApiKeyStatus current = statusAt(now);
        if (current != ApiKeyStatus.ACTIVE) {
            return new Rotation.NotActive(current, current == ApiKeyStatus.ROTATING ? replacedBy : null);
        }
        return grace.isZero() ? new Rotation.Started(rotating(now, successor).revoked(now), true)
                : new Rotation.Started(rotating(now.plus(grace), successor), false);
    }

    /** What the lifecycle job does with this key at a given instant ({@link #lifecycleAt}). */
    public sealed interface LifecycleStep {
        /** Nothing is due. */
        record None() implements LifecycleStep {
        }

        /**
         * Its expiry or rotation grace has passed: store it as expired.
         *
         * @param reason    {@code expired} or {@code rotation_grace_ended}
         * @param freesSlot whether it held an {@code api_keys} slot, now given back
         */
        record Expire(ApiKey expired, String reason, boolean freesSlot) implements LifecycleStep {
        }

        /** One of the {@link #EXPIRY_WARNINGS} is due. @param warned the key with the warning counted */
        record Warn(ApiKey warned, java.time.Duration before) implements LifecycleStep {
        }
    }

    /** The lifecycle step due at {@code now}: expire a key no longer usable, or warn of a coming expiry once per stage. */
    public LifecycleStep lifecycleAt(Instant now) {
        if (status != ApiKeyStatus.ACTIVE && status != ApiKeyStatus.ROTATING) {
            return new LifecycleStep.None(); // revoked or expired meanwhile
        }
        if (!usableAt(now)) {
            String reason = status == ApiKeyStatus.ROTATING && (expiresAt == null || rotationEndsAt.isBefore(expiresAt))
                    ? "rotation_grace_ended" : "expired";
            return new LifecycleStep.Expire(expired(), reason, holdsPlanSlot());
        }
        if (status != ApiKeyStatus.ACTIVE || expiresAt == null) {
            return new LifecycleStep.None();
        }
        int stage = 0;
        for (int i = 0; i < EXPIRY_WARNINGS.size(); i++) {
            if (!now.isBefore(expiresAt.minus(EXPIRY_WARNINGS.get(i)))) {
                stage = i + 1;
            }
        }
        if (stage <= expiryWarnings) {
            return new LifecycleStep.None();
        }
        return new LifecycleStep.Warn(withExpiryWarnings(stage), EXPIRY_WARNINGS.get(stage - 1));
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
