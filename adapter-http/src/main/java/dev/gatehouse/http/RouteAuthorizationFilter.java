package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authorization.ResourceAccess;
import dev.gatehouse.core.reach.ResourceOwners;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link RouteAccess} to every {@code /api/v1} request after authentication. An API key must
 * hold the route's scope, an environment key never reaches a route outside its reach
 * (organization-level resources), keys never reach platform-admin routes. Reach is decided before
 * scope: when a key is refused, the resource the request names (the path id, else the
 * {@code organization_id} query parameter, else the body's {@code organization_id}, {@code project_id}
 * or {@code resource}) is resolved to its organization by the core's {@link ResourceOwners}; another
 * tenant's (or a missing) resource is 404, one of the key's own organization 403 naming the scope.
 * What depends on the resource beyond that (which project or environment, users' roles) is decided by
 * the use case with {@code AccessControl} over the same catalog. A route without an entry is refused
 * (fail closed).
 */
@ServerFilter({"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS, SeedProfile.SEED_003})
final class RouteAuthorizationFilter implements Ordered {
    private final Problems problems;
    private final List<RouteAccess.Extension> extensions;
    private final ResourceOwners owners;
    private final ObjectMapper json = new ObjectMapper();

    RouteAuthorizationFilter(Problems problems, List<RouteAccess.Extension> extensions, ResourceOwners owners) {
        this.problems = problems;
        this.extensions = List.copyOf(extensions);
        this.owners = owners;
    }

    /** The first path segment after {@code /api/v1/} → the kind of resource its id names. */
    private static final Map<String, ResourceOwners.Kind> PATH_KINDS = Map.of(
            "organizations", ResourceOwners.Kind.ORGANIZATION, "projects", ResourceOwners.Kind.PROJECT,
            "environments", ResourceOwners.Kind.ENVIRONMENT, "api-keys", ResourceOwners.Kind.API_KEY,
            "roles", ResourceOwners.Kind.ROLE, "role-assignments", ResourceOwners.Kind.ROLE_ASSIGNMENT,
            "access-requests", ResourceOwners.Kind.ACCESS_REQUEST, "workflows", ResourceOwners.Kind.WORKFLOW,
            "policies", ResourceOwners.Kind.POLICY, "webhooks", ResourceOwners.Kind.WEBHOOK);

    /** A resource named by a request. */
    record Target(ResourceOwners.Kind kind, String id) {
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> authorize(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Optional<UriRouteMatch<?, ?>> match = RouteAttributes.getRouteMatch(request)
                .filter(m -> m instanceof UriRouteMatch<?, ?>).map(m -> (UriRouteMatch<?, ?>) m);
        Optional<String> template = match.map(m -> m.getRouteInfo().getUriMatchTemplate().toPathString());
        if (template.isEmpty()) {
            return null; // no route: the router answers 404/405 itself
        }
        HttpMethod method = request.getMethod() == HttpMethod.HEAD ? HttpMethod.GET : request.getMethod();
        var entry = RouteAccess.find(method.name(), template.get()).or(() -> extensions.stream()
                .map(x -> x.find(method.name(), template.get())).flatMap(Optional::stream).findFirst());
        if (entry.isEmpty()) {
            return problems.response(request, Failure.forbidden("This route has no authorization rule."));
        }
        Optional<Principal> principal = Callers.principal(request);
        Optional<Failure> denied = principal.flatMap(p -> decide(entry.get(), p));
        if (denied.isPresent() && principal.get() instanceof Principal.ApiKey key) {
            // reach before scope: another tenant's resource is not found, whatever the key lacks
            // a platform-admin tool names resources in its body that it does not act on: only its path counts
            boolean pathOnly = entry.get().rule() == RouteAccess.Rule.PLATFORM_ADMIN;
            Optional<Target> target = target(template.get(), match.get().getVariableValues(), request, body, pathOnly);
            if (target.isPresent()
                    && owners.where(key, target.get().kind(), target.get().id()) == ResourceOwners.Where.ELSEWHERE) {
                denied = Optional.of(Failure.notFound(ResourceOwners.what(target.get().kind())));
            }
        }
        return denied.<MutableHttpResponse<?>>map(f -> problems.response(request, f)).orElse(null);
    }

    /**
     * The resource a request names: the path's first id (by the segment before it), else the
     * {@code organization_id} query parameter, else the body's {@code organization_id},
     * {@code project_id}, {@code resource: {type, id}} or {@code resource_type}/{@code resource_id},
     * else the organization of {@code X-Workspace-ID} (ADR 32).
     */
    Optional<Target> target(String template, Map<String, Object> variables, HttpRequest<?> request, byte[] body, boolean pathOnly) {
        String[] segments = SeedProfile.canonicalTemplate(template).split("/"); // seed paths as their canonical ones (ADR 32)
        // "", "api", "v1", segment, "{id}", …
        if (segments.length > 4 && segments[4].startsWith("{") && PATH_KINDS.containsKey(segments[3])) {
            String name = segments[4].replaceAll("[{}]", "");
            Object value = variables.get(name);
            if (value != null) {
                return Optional.of(new Target(PATH_KINDS.get(segments[3]), value.toString()));
            }
        }
        if (pathOnly) {
            return Optional.empty();
        }
        String org = request.getParameters().get("organization_id");
        if (org != null) {
            return Optional.of(new Target(ResourceOwners.Kind.ORGANIZATION, org));
        }
        return inBody(body).or(() -> Optional.ofNullable(SeedProfile.named(request, null))
                .map(workspace -> new Target(ResourceOwners.Kind.ORGANIZATION, workspace)));
    }

    /** The resource a request body names, if any. */
    private Optional<Target> inBody(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // the body's own problem is reported when it is bound
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        if (root.path("organization_id").isTextual()) {
            return Optional.of(new Target(ResourceOwners.Kind.ORGANIZATION, root.get("organization_id").asText()));
        }
        if (root.path("project_id").isTextual()) {
            return Optional.of(new Target(ResourceOwners.Kind.PROJECT, root.get("project_id").asText()));
        }
        JsonNode resource = root.path("resource");
        if (resource.path("type").isTextual() && resource.path("id").isTextual()) {
            return ResourceOwners.Kind.ofType(resource.get("type").asText()).map(k -> new Target(k, resource.get("id").asText()));
        }
        if (root.path("resource_type").isTextual() && root.path("resource_id").isTextual()) {
            return ResourceOwners.Kind.ofType(root.get("resource_type").asText())
                    .map(k -> new Target(k, root.get("resource_id").asText()));
        }
        return Optional.empty();
    }

    /** The answer that depends on the principal alone, if the route is out of its reach. */
    static Optional<Failure> decide(RouteAccess.Entry entry, Principal principal) {
        if (!(principal instanceof Principal.ApiKey key)) {
            return Optional.empty();
        }
        if (entry.usersOnly()) {
            return Optional.of(Failure.forbidden("This is done by users, never by API keys."));
        }
        return switch (entry.rule()) {
            case PUBLIC, AUTHENTICATED, OWN -> Optional.empty();
            case PLATFORM_ADMIN -> Optional.of(Failure.forbidden("Only platform admins may do this; API keys never do."));
            case SCOPE -> {
                String scope = entry.scope();
                if (!key.scopes().contains(scope)) {
                    yield Optional.of(Failure.forbidden("This API key lacks the " + scope + " scope.")
                            .withDetail("required_scope", scope));
                }
                if (!entry.environmentKeys() && ResourceAccess.reach(key) == ResourceAccess.Reach.ENVIRONMENT) {
                    yield Optional.of(Failure.forbidden("This needs the " + scope + " permission on the organization; an "
                            + "environment API key reaches its environment only (use an organization key).")
                            .withDetail("required_scope", scope));
                }
                yield Optional.empty();
            }
        };
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 75;
    }
}
