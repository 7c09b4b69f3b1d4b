package dev.gatehouse.core.tokens;

import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Token introspection in the manner of RFC 7662: is an access token issued by the API-key exchange
 * still good <em>now</em>? Offline verification (signature, expiry) cannot know that the key behind
 * the token was revoked, or that its environment, project or organization was deleted; this answers
 * from the stores on every call (no cache), so a cascade (ADR 0018) ends the token's use at once for
 * every service that introspects, on every instance.
 *
 * <p>Active only when: the token verifies against its project's published keys (signature, issuer,
 * expiry); its key ({@code sub}) exists, is usable now (not revoked, not past its rotation grace or
 * expiry) and still belongs to the token's organization, project and environment; the environment
 * exists, the project is not deleted, the organization is not deleted; and the caller may see it: a
 * platform admin, a key of the same organization (an environment key: of the same environment), or a
 * user of that organization (the route requires {@code api-keys:verify}). Anything else, including a
 * token the caller may not see, is just inactive (RFC 7662 §2.2), never an error.
 */
public final class IntrospectAccessToken {

    /** The stores and settings it reads. */
    public record Ports(Transactions tx, Clock clock, String issuer, SigningKeys signingKeys, ApiKeys apiKeys,
                        Organizations organizations, Projects projects, Environments environments,
                        java.util.function.BiPredicate<Principal.User, ApiKey> userMaySee) {
        public Ports {
            Objects.requireNonNull(tx, "tx");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(signingKeys, "signingKeys");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Objects.requireNonNull(organizations, "organizations");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(environments, "environments");
            Objects.requireNonNull(userMaySee, "userMaySee");
        }
    }

    /** The answer: {@code claims} of an active token (RFC 7662 names), empty when inactive. */
    public record Introspection(boolean active, Map<String, Object> claims) {
        public Introspection {
            claims = Map.copyOf(claims);
        }

        static Introspection inactive() {
            return new Introspection(false, Map.of());
        }
    }

    private final Ports ports;

    public IntrospectAccessToken(Ports ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    public Introspection handle(Caller caller, String token) {
        if (token == null || token.isEmpty() || token.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
            return Introspection.inactive();
        }
        Optional<ProjectId> project = unverifiedProject(token);
        if (project.isEmpty()) {
            return Introspection.inactive();
        }
        return ports.tx().readOnly(() -> decide(caller, token, project.get()));
    }

    private Introspection decide(Caller caller, String token, ProjectId projectId) {
        Instant now = ports.clock().instant();
        var jwks = GetProjectJwks.published(ports.signingKeys().of(KeyOwner.project(projectId)), now);
        if (jwks.isEmpty()) {
            return Introspection.inactive();
        }
        var outcome = AccessTokenVerifier.of(jwks, ports.clock()).requiringIssuer(ports.issuer()).verify(token);
        if (!(outcome instanceof AccessTokenVerifier.Verified verified)) {
            return Introspection.inactive();
        }
        var claims = verified.claims();
        Optional<ApiKey> key = text(claims, "sub").flatMap(ApiKeyId::parse).flatMap(ports.apiKeys()::byId);
        if (key.isEmpty()) {
            return Introspection.inactive();
        }
        ApiKey k = key.get();
        boolean same = k.organizationId().text().equals(claims.get("org"))
                && k.project().map(p -> p.equals(projectId) && p.text().equals(claims.get("project"))).orElse(false)
                && k.environment().map(e -> e.text().equals(claims.get("env"))).orElse(false);
        if (!same || !k.usableAt(now) || !alive(k) || !maySee(caller.principal(), k)) {
            return Introspection.inactive();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        for (String name : new String[]{"scope", "sub", "iss", "exp", "iat", "jti", "org", "project", "env"}) {
            if (claims.containsKey(name)) {
                out.put(name, claims.get(name));
            }
        }
        out.put("client_id", k.id().text());
        out.put("token_type", "Bearer");
        return new Introspection(true, out);
    }

    /** The key's environment exists, its project and organization are not deleted. */
    private boolean alive(ApiKey k) {
        return k.environment().flatMap(ports.environments()::byId).isPresent()
                && k.project().flatMap(ports.projects()::byId).filter(p -> !p.deleted()).isPresent()
                && ports.organizations().byId(k.organizationId()).filter(o -> !o.isDeleted()).isPresent();
    }

    private boolean maySee(Principal principal, ApiKey k) {
        if (principal.platformAdmin()) {
            return true;
        }
        if (principal instanceof Principal.ApiKey caller) {
            return caller.organizationId().equals(k.organizationId())
                    && (caller.environmentId().isEmpty() || caller.environmentId().equals(k.environment()));
        }
        if (principal instanceof Principal.User user) {
            return ports.userMaySee().test(user, k);
        }
        return false;
    }

    /** The {@code project} claim, read before verification only to find the keys that verify it. */
    private static Optional<ProjectId> unverifiedProject(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            var claims = Jose.parseObject(new String(Jose.unb64(parts[1]), java.nio.charset.StandardCharsets.UTF_8));
            return text(claims, "project").flatMap(ProjectId::parse);
        } catch (Jose.MalformedException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
