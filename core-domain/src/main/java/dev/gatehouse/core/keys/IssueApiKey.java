package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Text;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.ResourceAccess;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues an API key for a project environment ({@code api_keys_write} on the environment: members may
 * for non-production ones) or for an organization ({@code api_keys_write} on it). A key never carries a
 * scope its creator does not hold on the key's resource, nor one that grants nothing there (reserved
 * scopes; organization-level ones on an environment key, see {@link ResourceAccess}): 422 naming them
 * in {@code errors.scopes}. Key row, relationships, audit
 * event ({@code api_key.created}, never the secret) and domain event commit together; the secret is
 * returned once.
 *
 * @param entitlements each key takes an {@code api_keys} slot of the plan (403 feature_limit_reached)
 */
public record IssueApiKey(ApiKeys apiKeys, Organizations organizations, Projects projects, Environments environments,
                          KeyScopeGuard scopeGuard, Quota entitlements, Platform platform) {
    public static final Set<String> TIERS = Set.of("free", "starter", "pro", "agency", "enterprise");

    /**
     * Either {@code project} with {@code environment} (its id or name), or {@code organization}.
     *
     * @param scopes null for the default: every {@code *:read} scope
     */
    public record Command(Caller caller, OrganizationId organization, ProjectId project, String environment, String name,
                          List<String> scopes, Instant expiresAt, String rateLimitTier) {
    }

    /** The stored key and its secret, which is never available again. */
    public record Issued(ApiKey key, ApiKeySecret secret) {
    }

    /** Every read scope of the catalog: what an organization key gets when no scopes are asked for. */
    public static List<String> defaultScopes() {
        return defaultScopes(false);
    }

    /** Every read scope a key of this kind may hold: what it gets when no scopes are asked for. */
    public static List<String> defaultScopes(boolean environmentKey) {
        return ResourceAccess.keyScopes(environmentKey).stream().filter(s -> s.endsWith(":read")).toList();
    }

    public Result<Issued> handle(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (c.name() == null || c.name().isBlank()) {
            errors.put("name", List.of("is required"));
        } else if (c.name().strip().length() > ApiKey.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must be at most " + ApiKey.MAX_NAME_LENGTH + " characters"));
        } else {
            Text.singleLineProblem(c.name()).ifPresent(p -> errors.put("name", List.of(p)));
        }
        if (c.project() == null && c.organization() == null) {
            errors.put("organization_id", List.of("is required"));
        }
        if (c.project() != null && (c.environment() == null || c.environment().isBlank())) {
            errors.put("environment", List.of("is required"));
        }
        boolean environmentKey = c.project() != null;
        Set<String> scopes = new LinkedHashSet<>(c.scopes() == null ? defaultScopes(environmentKey) : c.scopes());
        List<String> unknown = scopes.stream().filter(s -> s == null || PermissionCatalog.byScope(s).isEmpty())
                .map(String::valueOf).toList();
        if (!unknown.isEmpty()) {
            errors.put("scopes", List.of("unknown scope(s): " + String.join(", ", unknown)));
        } else if (scopes.isEmpty()) {
            errors.put("scopes", List.of("must name at least one scope"));
        } else {
            List<String> useless = ResourceAccess.grantingNothing(scopes, environmentKey);
            if (!useless.isEmpty()) {
                errors.put("scopes", List.of("these scopes grant nothing on " + (environmentKey ? "an environment" : "an organization")
                        + " key: " + String.join(", ", useless) + " (valid: " + String.join(", ", ResourceAccess.keyScopes(environmentKey)) + ")"));
            }
        }
        if (c.expiresAt() != null && !c.expiresAt().isAfter(platform.clock().instant())) {
            errors.put("expires_at", List.of("must be in the future"));
        }
        if (c.rateLimitTier() != null && !TIERS.contains(c.rateLimitTier().toLowerCase(Locale.ROOT))) {
            errors.put("rate_limit_tier", List.of("must be one of: agency, enterprise, free, pro, starter"));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return platform.transactions().inTransaction(() -> c.project() != null ? forEnvironment(c, scopes) : forOrganization(c, scopes));
    }

    private Result<Issued> forEnvironment(Command c, Set<String> scopes) {
        var project = projects.byId(c.project()).filter(p -> !p.deleted());
        if (project.isEmpty()) {
            return Result.fail(Failure.notFound("Project"));
        }
        ObjectRef projectRef = new ObjectRef("project", c.project().text());
        var hidden = platform.access().require(c.caller(), projectRef, "projects_read", "projects_read", "Project");
        if (hidden.isPresent()) {
            return Result.fail(hidden.get());
        }
        String wanted = c.environment().strip();
        Optional<EnvironmentId> asId = EnvironmentId.parse(wanted);
        Optional<Environment> env = environments.ofProject(c.project()).stream()
                .filter(e -> asId.map(id -> id.equals(e.id())).orElse(false) || e.name().equalsIgnoreCase(wanted))
                .findFirst();
        if (env.isEmpty()) {
            return Result.fail(Failure.invalid("environment", "the project has no environment '" + wanted + "'"));
        }
        ObjectRef envRef = new ObjectRef("environment", env.get().id().text());
        Optional<Failure> denied = platform.access().require(c.caller(), envRef, "api_keys_write", "projects_read", "Environment")
                .or(() -> scopeGuard.unheld(c.caller(), envRef, scopes));
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        return issue(c, scopes, project.get().organizationId(), c.project(), env.get().id(),
                env.get().kind() == EnvironmentKind.PRODUCTION);
    }

    private Result<Issued> forOrganization(Command c, Set<String> scopes) {
        if (organizations.byId(c.organization()).filter(o -> !o.isDeleted()).isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        ObjectRef orgRef = new ObjectRef("organization", c.organization().text());
        Optional<Failure> denied = platform.access().require(c.caller(), orgRef, "api_keys_write", "organizations_read", "Organization")
                .or(() -> scopeGuard.unheld(c.caller(), orgRef, scopes));
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        return issue(c, scopes, c.organization(), null, null, true);
    }

    private Result<Issued> issue(Command c, Set<String> scopes, OrganizationId org, ProjectId project, EnvironmentId env,
                                 boolean live) {
        var slot = entitlements.consume(org, Quota.API_KEYS, 1);
        if (slot.isPresent()) {
            return Result.fail(slot.get());
        }
        ApiKeySecret secret = ApiKeySecret.generate(platform.ids(), live);
        ApiKey key = ApiKey.issue(new ApiKeyId(platform.ids().newId()), org, project, env, c.name().strip(), scopes,
                secret, c.expiresAt(), c.rateLimitTier() == null ? null : c.rateLimitTier().toLowerCase(Locale.ROOT),
                c.caller().principal().id(), platform.clock().instant());
        apiKeys.add(key);
        var written = platform.authorizer().write(KeyRelationships.grants(key));
        if (!written.isOk()) {
            return Result.fail(written.failure());
        }
        platform.auditor().record(c.caller(), "api_key.created", "api_key", key.id(), org, KeyEventData.of(key));
        platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyCreated(org, KeyEventData.of(key)));
        return Result.ok(new Issued(key, secret));
    }
}
