package dev.gatehouse.http;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.ResourceAccess;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.ProjectId;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared route table against the router and the documentation: every {@code /api/v1} route has
 * exactly one entry (a new route without one fails the build), no entry names a route that does not
 * exist, the table agrees with the core catalog (organization-level scopes are never reachable by
 * environment keys; environment-key routes need scopes environment keys may hold), and
 * {@code docs/authorization.md} carries the generated table.
 */
@MicronautTest
class RouteAccessTest {
    private static final String BEGIN = "<!-- route-table:begin (generated from RouteAccess; RouteAccessTest checks it) -->";
    private static final String END = "<!-- route-table:end -->";

    @Inject
    Router router;

    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes().forEach(r -> {
            String template = r.getUriMatchTemplate().toPathString();
            if (r.getHttpMethod() != HttpMethod.HEAD && (template.startsWith("/api/v1/") || template.startsWith("/api/projects")
                    || template.startsWith("/api/tenants") || template.startsWith("/api/webhooks") || template.startsWith("/projects") || template.startsWith("/api-keys") || template.startsWith("/v1/admin"))) {
                routes.add(RouteAccess.normalized(r.getHttpMethodName() + " " + template));
            }
        });
        return routes;
    }

    @Test
    void everyRouteHasExactlyOneEntryAndEveryEntryARoute() {
        Set<String> routes = routes();
        Set<String> declared = new TreeSet<>();
        RouteAccess.entries().forEach(e -> declared.add(RouteAccess.normalized(e.route())));
        assertThat(routes).hasSizeGreaterThan(80);
        assertThat(declared).as("declare every route in RouteAccess").containsAll(routes);
        assertThat(routes).as("no entry for a route that does not exist").containsAll(declared);
        assertThat(declared).hasSameSizeAs(RouteAccess.entries());
    }

    @Test
    void theTableAgreesWithTheCoreCatalog() {
        for (var e : RouteAccess.entries()) {
            if (e.rule() != RouteAccess.Rule.SCOPE) {
                continue;
            }
            assertThat(PermissionCatalog.byScope(e.scope())).as(e.route()).isPresent();
            if (ResourceAccess.level(e.scope()) == ResourceAccess.Level.ORGANIZATION) {
                assertThat(e.environmentKeys()).as("%s acts on an organization-level resource", e.route()).isFalse();
            }
            if (e.environmentKeys()) {
                assertThat(ResourceAccess.keyScopes(true)).as("%s: environment keys may hold %s", e.route(), e.scope())
                        .contains(e.scope());
            }
        }
        // every scope an environment key may hold is good for at least one route
        for (String scope : ResourceAccess.keyScopes(true)) {
            assertThat(RouteAccess.entries()).as(scope).anyMatch(e -> e.environmentKeys() && scope.equals(e.scope()));
        }
    }

    @Test
    void theFilterDecidesWhatDependsOnTheKeyAlone() {
        var org = new OrganizationId(UUID.randomUUID());
        var envKey = new Principal.ApiKey(new ApiKeyId(UUID.randomUUID()), org, Optional.of(new ProjectId(UUID.randomUUID())),
                Optional.of(new EnvironmentId(UUID.randomUUID())), Set.of("webhooks:read", "projects:read"));
        var orgKey = new Principal.ApiKey(new ApiKeyId(UUID.randomUUID()), org, Optional.empty(), Optional.empty(),
                Set.of("webhooks:read"));
        var webhooks = RouteAccess.find("GET", "/api/v1/webhooks").orElseThrow();
        var project = RouteAccess.find("GET", "/api/v1/projects/{id}").orElseThrow();
        var patchProject = RouteAccess.find("PATCH", "/api/v1/projects/{x}").orElseThrow();
        assertThat(RouteAuthorizationFilter.decide(webhooks, envKey)).get()
                .satisfies(f -> assertThat(f.details()).containsEntry("required_scope", "webhooks:read"));
        assertThat(RouteAuthorizationFilter.decide(webhooks, orgKey)).isEmpty();
        assertThat(RouteAuthorizationFilter.decide(project, envKey)).isEmpty();
        assertThat(RouteAuthorizationFilter.decide(patchProject, envKey)).get()
                .satisfies(f -> assertThat(f.details()).containsEntry("required_scope", "projects:write"));
        assertThat(RouteAuthorizationFilter.decide(RouteAccess.find("GET", "/api/v1/audit-events").orElseThrow(), orgKey)).isPresent();
        assertThat(RouteAuthorizationFilter.decide(RouteAccess.find("GET", "/api/v1/mail/deliveries").orElseThrow(), orgKey))
                .as("mail deliveries: platform admins only, never a key").isPresent();
        var user = new Principal.User(new dev.gatehouse.core.shared.UserId(UUID.randomUUID()), "a@example.com", false);
        assertThat(RouteAuthorizationFilter.decide(webhooks, user)).isEmpty();
        // users-only routes refuse every key, whatever its scopes
        var fullKey = new Principal.ApiKey(new ApiKeyId(UUID.randomUUID()), org, Optional.empty(), Optional.empty(),
                Set.copyOf(ResourceAccess.keyScopes(false)));
        for (String route : new String[]{"POST /api/v1/organizations", "POST /api/v1/access-requests",
                "POST /api/v1/access-requests/{id}/approve", "POST /api/v1/access-requests/{id}/reject",
                "POST /api/v1/access-requests/{id}/cancel"}) {
            var entry = RouteAccess.find(route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1)).orElseThrow();
            assertThat(entry.usersOnly()).as(route).isTrue();
            assertThat(RouteAuthorizationFilter.decide(entry, fullKey)).as(route).isPresent();
            assertThat(RouteAuthorizationFilter.decide(entry, user)).as(route).isEmpty();
        }
    }

    @Test
    void theDocumentationCarriesTheGeneratedTable() throws Exception {
        Path doc = Path.of("..", "docs", "authorization.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/authorization.md has the route table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        if (Boolean.getBoolean("gatehouse.regenerate-docs")) {
            // ./mvnw -B -o -q -pl adapter-http -am test -Dtest=RouteAccessTest -Dgatehouse.regenerate-docs=true
            text = text.substring(0, begin + BEGIN.length()) + "\n" + RouteAccess.markdownTable() + text.substring(end);
            Files.writeString(doc, text, StandardCharsets.UTF_8);
            end = text.indexOf(END);
        }
        String documented = text.substring(begin + BEGIN.length(), end).strip();
        assertThat(documented).as("regenerate the table in docs/authorization.md from RouteAccess.markdownTable()")
                .isEqualTo(RouteAccess.markdownTable().strip());
    }
}
