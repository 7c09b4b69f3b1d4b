package dev.gatehouse.http;

import dev.gatehouse.core.authorization.ResourceAccess;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;

import java.util.List;
import java.util.Optional;

/**
 * Applies {@link RouteAccess} to every {@code /api/v1} request after authentication. What depends on
 * the principal alone is decided here: an API key must hold the route's scope (403 naming it, whatever
 * resource it names: the answer reveals nothing about the resource), an environment key never reaches
 * a route outside its reach (organization-level resources), keys never reach platform-admin routes.
 * What depends on the resource (which organization, project or environment; 404 for other tenants) is
 * decided by the use case with {@code AccessControl} over the same catalog. A route without an entry
 * is refused (fail closed).
 */
@ServerFilter("/api/v1/**")
final class RouteAuthorizationFilter implements Ordered {
    private final Problems problems;
    private final List<RouteAccess.Extension> extensions;

    RouteAuthorizationFilter(Problems problems, List<RouteAccess.Extension> extensions) {
        this.problems = problems;
        this.extensions = List.copyOf(extensions);
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> authorize(HttpRequest<?> request) {
        Optional<String> template = RouteAttributes.getRouteMatch(request)
                .filter(m -> m instanceof UriRouteMatch<?, ?>)
                .map(m -> ((UriRouteMatch<?, ?>) m).getRouteInfo().getUriMatchTemplate().toPathString());
        if (template.isEmpty()) {
            return null; // no route: the router answers 404/405 itself
        }
        HttpMethod method = request.getMethod() == HttpMethod.HEAD ? HttpMethod.GET : request.getMethod();
        var entry = RouteAccess.find(method.name(), template.get()).or(() -> extensions.stream()
                .map(x -> x.find(method.name(), template.get())).flatMap(Optional::stream).findFirst());
        if (entry.isEmpty()) {
            return problems.response(request, Failure.forbidden("This route has no authorization rule."));
        }
        Optional<Failure> denied = Callers.principal(request).flatMap(p -> decide(entry.get(), p));
        return denied.<MutableHttpResponse<?>>map(f -> problems.response(request, f)).orElse(null);
    }

    /** The answer that depends on the principal alone, if the route is out of its reach. */
    static Optional<Failure> decide(RouteAccess.Entry entry, Principal principal) {
        if (!(principal instanceof Principal.ApiKey key)) {
            return Optional.empty();
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
