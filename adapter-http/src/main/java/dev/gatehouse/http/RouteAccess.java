package dev.gatehouse.http;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.ResourceAccess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call what: every {@code /api/v1} route → the resource it acts on (how its id is found) → the
 * permission it needs → whether an environment key can reach it. {@link RouteAuthorizationFilter}
 * applies it to every request; the core use cases decide the resource-level part with
 * {@link dev.gatehouse.core.authorization.AccessControl} over the same {@link ResourceAccess} catalog.
 * A route without an entry is refused (and fails {@code RouteAccessTest}); {@code docs/authorization.md}
 * carries this table, checked against it; {@link HttpAdapter#routeRules()} shows it to other modules
 * (the access matrix test derives what each principal kind should get from it).
 */
final class RouteAccess {

    /** What a route needs beyond authentication. */
    enum Rule {
        /** No credentials at all. */
        PUBLIC,
        /** Any authenticated principal; the use case shows only what the caller may see. */
        AUTHENTICATED,
        /** A permission of the catalog ({@link Entry#scope()}) on the resource. */
        SCOPE,
        /** Platform admins; organization members who can see the resource get 403, others 404. */
        PLATFORM_ADMIN,
        /** A rule about who the caller is (the invitee, the requester, the user themself), decided by the use case. */
        OWN
    }

    /**
     * @param resource        the resource acted on and where its id comes from
     * @param scope           the scope needed (with {@link Rule#SCOPE}), else null
     * @param environmentKeys whether an environment key holding the scope reaches the route (its environment,
     *                        its project's metadata, its organization's entitlement checks and usage)
     * @param note            who else (for {@link Rule#OWN}, {@link Rule#AUTHENTICATED}), or null
     * @param usersOnly       done by users only: API keys are refused whatever their scopes (403 in their
     *                        organization, 404 for another's resource)
     */
    record Entry(String method, String path, String resource, Rule rule, String scope, boolean environmentKeys, String note,
                 boolean usersOnly) {
        Entry(String method, String path, String resource, Rule rule, String scope, boolean environmentKeys, String note) {
            this(method, path, resource, rule, scope, environmentKeys, note, false);
        }

        public String route() {
            return method + " " + path;
        }
    }

    /**
     * Routes an application adds with its own controllers (or a test with its probes) declare their
     * rule through a bean of this type; everything else must be in the table.
     */
    interface Extension {
        Optional<Entry> find(String method, String template);
    }

    private static final String ORG_PATH = "organization `{id}`";
    private static final String ORG_NAMED = "organization: `organization_id` (query or body), an API key's own";
    private static final List<Entry> ENTRIES = new ArrayList<>();

    private static void scope(String route, String resource, String scope) {
        add(route, resource, Rule.SCOPE, scope, false, null);
    }

    /** An organization's collection: listed in the organization named, created in the body's, read item by item. */
    private static void collection(String base, String item, String read, String write) {
        scope("GET " + base, ORG_NAMED, read);
        scope("POST " + base, "organization: body `organization_id`", write);
        item("GET " + base + "/{id}", item, read);
    }

    /** A route on an item {@code {id}} of an organization's collection, decided on its organization. */
    private static void item(String route, String item, String scope) {
        scope(route, item + " `{id}` → its organization", scope);
    }

    /** A route an environment key holding the scope reaches. */
    private static void keyed(String route, String resource, String scope) {
        add(route, resource, Rule.SCOPE, scope, true, null);
    }

    private static void rule(String route, String resource, Rule rule, String note) {
        add(route, resource, rule, null, rule == Rule.PUBLIC || rule == Rule.AUTHENTICATED, note);
    }

    private static void add(String route, String resource, Rule rule, String scope, boolean environmentKeys, String note) {
        int space = route.indexOf(' ');
        ENTRIES.add(new Entry(route.substring(0, space), route.substring(space + 1), resource, rule, scope, environmentKeys, note,
                false));
    }

    /** A seed path decided exactly as its canonical route (ADR 32). */
    private static void alias(String seedRoute, String canonicalRoute) {
        Entry c = ENTRIES.stream().filter(e -> e.route().equals(canonicalRoute)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no canonical route " + canonicalRoute));
        int space = seedRoute.indexOf(' ');
        ENTRIES.add(new Entry(seedRoute.substring(0, space), seedRoute.substring(space + 1), c.resource(), c.rule(), c.scope(),
                c.environmentKeys(), c.note(), c.usersOnly()));
    }

    /** Marks the last entry as done by users only (API keys never, whatever their scopes). */
    private static void usersOnly() {
        Entry e = ENTRIES.remove(ENTRIES.size() - 1);
        ENTRIES.add(new Entry(e.method(), e.path(), e.resource(), e.rule(), e.scope(), false, e.note(), true));
    }

    static {
        rule("POST /api/v1/auth/login", "none", Rule.PUBLIC, "email and password");
        rule("POST /api/v1/auth/signup", "a new account", Rule.PUBLIC, "GATEHOUSE_SIGNUP=open; rate limited per client address");
        rule("POST /api/v1/auth/verify-email", "the account of the mailed link", Rule.PUBLIC,
                "the link's token; rate limited per client address");
        rule("POST /api/v1/auth/logout", "the caller's own session", Rule.OWN, "a user session (its own)");
        rule("POST /api/v1/auth/token", "the API key's own environment", Rule.OWN, "an environment API key (token exchange)");
        keyed("POST /api/v1/auth/introspect", "the token's API key → its environment (inactive when not allowed)",
                "api-keys:verify");
        rule("GET /api/v1/me", "the caller itself", Rule.AUTHENTICATED, "a user or an API key describes itself");
        rule("GET /api/v1/permissions", "the catalog", Rule.AUTHENTICATED, null);
        rule("POST /api/v1/authz/check", "any", Rule.PLATFORM_ADMIN, null);
        rule("POST /api/v1/authz/lookup-resources", "any", Rule.PLATFORM_ADMIN, null);
        rule("POST /api/v1/authz/lookup-subjects", "any", Rule.PLATFORM_ADMIN, null);
        scope("GET /api/v1/audit-events", ORG_NAMED + " (platform admins: all without one)", "audit:read");
        scope("GET /api/v1/audit-events/export", ORG_NAMED + " (platform admins: all without one)", "audit:read");
        rule("GET /api/v1/mail/deliveries", "the mail outbox", Rule.PLATFORM_ADMIN, null);

        rule("GET /api/v1/users", "users", Rule.PLATFORM_ADMIN, null);
        rule("POST /api/v1/users", "users", Rule.PLATFORM_ADMIN, null);
        rule("GET /api/v1/users/{id}", "user `{id}`", Rule.OWN, "the user themself, or a platform admin");
        rule("PATCH /api/v1/users/{id}", "user `{id}`", Rule.OWN, "the user themself, or a platform admin");
        rule("DELETE /api/v1/users/{id}", "user `{id}`", Rule.PLATFORM_ADMIN, null);
        rule("GET /api/v1/users/{id}/sessions", "user `{id}`", Rule.OWN, "the user themself, or a platform admin");
        rule("DELETE /api/v1/users/{id}/sessions/{sessionId}", "user `{id}`", Rule.OWN, "the user themself, or a platform admin");

        rule("GET /api/v1/organizations", "the caller's organizations", Rule.AUTHENTICATED, "users: their organizations; keys: their own");
        rule("POST /api/v1/organizations", "a new organization", Rule.OWN, "users (the creator becomes its owner)");
        usersOnly();
        scope("GET /api/v1/organizations/{id}", ORG_PATH, "organizations:read");
        scope("PATCH /api/v1/organizations/{id}", ORG_PATH, "organizations:write");
        scope("DELETE /api/v1/organizations/{id}", ORG_PATH, "organizations:delete");
        scope("GET /api/v1/organizations/{id}/members", ORG_PATH, "members:read");
        scope("POST /api/v1/organizations/{id}/members", ORG_PATH, "members:write");
        scope("PATCH /api/v1/organizations/{id}/members/{userId}", ORG_PATH + " (owners: `owners:write`)", "members:write");
        scope("DELETE /api/v1/organizations/{id}/members/{userId}", ORG_PATH + " (owners: `owners:write`)", "members:write");
        scope("GET /api/v1/organizations/{id}/invitations", ORG_PATH, "members:read");
        scope("POST /api/v1/organizations/{id}/invitations", ORG_PATH, "members:write");
        scope("DELETE /api/v1/organizations/{id}/invitations/{invitationId}", ORG_PATH, "members:write");
        scope("POST /api/v1/organizations/{id}/invitations/{invitationId}/resend", ORG_PATH, "members:write");
        rule("POST /api/v1/invitations/{token}/accept", "invitation `{token}`", Rule.OWN, "the invited user (email matches), or without credentials for an email with no account (creates it)");
        rule("PUT /api/v1/organizations/{id}/plan", ORG_PATH, Rule.PLATFORM_ADMIN, "`plan:write` is reserved");
        rule("PUT /api/v1/organizations/{id}/entitlements/{feature}", ORG_PATH, Rule.PLATFORM_ADMIN, "`entitlements:write` is reserved");

        scope("POST /api/v1/projects", "organization: body `organization_id`", "projects:write");
        rule("GET /api/v1/projects", "the projects the caller may read", Rule.AUTHENTICATED, "filtered by `projects:read`");
        keyed("GET /api/v1/projects/{id}", "project `{id}`", "projects:read");
        scope("PATCH /api/v1/projects/{id}", "project `{id}`", "projects:write");
        scope("DELETE /api/v1/projects/{id}", "project `{id}`", "projects:delete");
        scope("POST /api/v1/projects/{id}/restore", "project `{id}`", "projects:delete");
        keyed("GET /api/v1/projects/{id}/environments", "project `{id}`", "environments:read");
        scope("POST /api/v1/environments", "project: body `project_id`", "environments:write");
        scope("DELETE /api/v1/environments/{id}", "environment `{id}` (its project)", "environments:write");

        keyed("GET /api/v1/projects/{id}/api-keys", "project `{id}` (an environment key: its environment's keys)", "api-keys:read");
        keyed("POST /api/v1/projects/{id}/api-keys", "environment: body `environment` of project `{id}`", "api-keys:write");
        scope("GET /api/v1/api-keys", ORG_NAMED + " (organization keys)", "api-keys:read");
        scope("POST /api/v1/api-keys", "organization: body `organization_id`", "api-keys:write");
        keyed("GET /api/v1/api-keys/{id}", "API key `{id}` → its environment or organization", "api-keys:read");
        keyed("DELETE /api/v1/api-keys/{id}", "API key `{id}` → its environment or organization", "api-keys:write");
        keyed("POST /api/v1/api-keys/{id}/rotate", "API key `{id}` → its environment or organization", "api-keys:write");
        keyed("POST /api/v1/api-keys/verify", "the presented key → its environment or organization (NOT_FOUND when not allowed)",
                "api-keys:verify");
        keyed("GET /api/v1/projects/{id}/signing-keys", "project `{id}`", "signing-keys:read");
        scope("POST /api/v1/projects/{id}/signing-keys/rotate", "project `{id}`", "signing-keys:write");
        rule("GET /api/v1/projects/{id}/jwks.json", "project `{id}`", Rule.PUBLIC, "public keys, for offline verification");

        rule("GET /api/v1/plans", "the plan catalog", Rule.AUTHENTICATED, null);
        keyed("GET /api/v1/entitlements/check", ORG_NAMED, "entitlements:read");
        keyed("GET /api/v1/entitlements/summary", ORG_NAMED, "entitlements:read");
        keyed("POST /api/v1/entitlements/usage", ORG_NAMED, "usage:write");

        collection("/api/v1/roles", "role", "roles:read", "roles:write");
        item("PUT /api/v1/roles/{id}/permissions", "role", "roles:write");
        item("DELETE /api/v1/roles/{id}", "role", "roles:write");
        scope("GET /api/v1/role-assignments", ORG_NAMED, "roles:read");
        scope("POST /api/v1/role-assignments", "the target's organization (body `resource`)", "roles:write");
        scope("DELETE /api/v1/role-assignments/{id}", "assignment `{id}` → its organization", "roles:write");
        scope("GET /api/v1/users/{id}/roles", ORG_NAMED, "roles:read");

        rule("POST /api/v1/access-requests", "body `resource_type`/`resource_id`", Rule.OWN,
                "users holding `access-requests:write` there, for themselves");
        usersOnly();
        scope("GET /api/v1/access-requests", ORG_NAMED, "access-requests:read");
        scope("GET /api/v1/access-requests/{id}", "request `{id}` → its resource", "access-requests:read");
        scope("POST /api/v1/access-requests/{id}/approve", "request `{id}` → its resource (the stage's approvers)",
                "access-requests:approve");
        usersOnly();
        scope("POST /api/v1/access-requests/{id}/reject", "request `{id}` → its resource (the stage's approvers)",
                "access-requests:approve");
        usersOnly();
        rule("POST /api/v1/access-requests/{id}/cancel", "request `{id}`", Rule.OWN, "the requester");
        usersOnly();
        scope("POST /api/v1/access-requests/{id}/revoke", "request `{id}` → its resource", "access-requests:approve");
        for (String[] c : new String[][]{{"/api/v1/workflows", "workflow"}, {"/api/v1/policies", "policy"}}) {
            collection(c[0], c[1], "policies:read", "policies:write");
            item("PUT " + c[0] + "/{id}", c[1], "policies:write");
            item("DELETE " + c[0] + "/{id}", c[1], "policies:write");
        }

        scope("GET /api/v1/webhooks", ORG_NAMED, "webhooks:read");
        scope("POST /api/v1/webhooks", "organization: body `organization_id`, an API key's own", "webhooks:write");
        item("GET /api/v1/webhooks/{id}", "webhook", "webhooks:read");
        item("PATCH /api/v1/webhooks/{id}", "webhook", "webhooks:write");
        item("DELETE /api/v1/webhooks/{id}", "webhook", "webhooks:delete");
        item("POST /api/v1/webhooks/{id}/rotate-secret", "webhook", "webhooks:write");
        item("POST /api/v1/webhooks/{id}/test", "webhook", "webhooks:write");
        item("POST /api/v1/webhooks/{id}/replay", "webhook", "webhooks:write");
        item("GET /api/v1/webhooks/{id}/deliveries", "webhook", "webhooks:read");
        item("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", "webhook", "webhooks:write");
        rule("GET /api/v1/event-types", "the event catalog", Rule.AUTHENTICATED, null);

        // the seed compatibility profile (ADR 32): the seeds' own paths, onto the same use cases
        rule("GET /api/v1/workspaces", "the caller's organizations", Rule.AUTHENTICATED, "seed 001: = `GET /api/v1/organizations`");
        rule("POST /api/v1/workspaces", "a new organization", Rule.OWN, "users (seed 001: = `POST /api/v1/organizations`)");
        usersOnly();
        scope("GET /api/v1/workspaces/{id}", "organization `{id}`", "organizations:read");
        scope("PATCH /api/v1/workspaces/{id}", "organization `{id}`", "organizations:write");
        scope("DELETE /api/v1/workspaces/{id}", "organization `{id}`", "organizations:delete");
        for (String base : new String[]{"/api/projects", "/projects"}) { // seeds 000 and 004
            String keysPath = base.equals("/projects") ? "/api-keys" : "/keys";
            rule("GET " + base, "the projects the caller may read", Rule.AUTHENTICATED, "filtered by `projects:read`");
            scope("POST " + base, "organization: body `organization_id`, `X-Workspace-ID`, an API key's own", "projects:write");
            keyed("GET " + base + "/{id}", "project `{id}`", "projects:read");
            scope("PATCH " + base + "/{id}", "project `{id}`", "projects:write");
            scope("DELETE " + base + "/{id}", "project `{id}`", "projects:delete");
            keyed("GET " + base + "/{id}" + keysPath, "project `{id}` (an environment key: its environment's keys)", "api-keys:read");
            keyed("POST " + base + "/{id}" + keysPath, "environment: body `environment` (default production) of project `{id}`",
                    "api-keys:write");
        }
        keyed("DELETE /api/projects/{id}/keys/{kid}", "API key `{kid}` of project `{id}` → its environment", "api-keys:write");
        alias("DELETE /api-keys/{id}", "DELETE /api/v1/api-keys/{id}");
        alias("GET /api/tenants", "GET /api/v1/organizations");
        alias("GET /api/tenants/{id}", "GET /api/v1/organizations/{id}");
        alias("GET /api/webhooks", "GET /api/v1/webhooks");
        alias("GET /api/webhooks/{id}", "GET /api/v1/webhooks/{id}");
        alias("GET /api/webhooks/{id}/deliveries", "GET /api/v1/webhooks/{id}/deliveries");
        // seed 002
        alias("POST /api/v1/requests", "POST /api/v1/access-requests");
        alias("POST /api/v1/requests/read", "POST /api/v1/access-requests");
        alias("GET /api/v1/requests", "GET /api/v1/access-requests");
        alias("GET /api/v1/requests/{id}", "GET /api/v1/access-requests/{id}");
        alias("POST /api/v1/requests/{id}/approve", "POST /api/v1/access-requests/{id}/approve");
        alias("POST /api/v1/requests/{id}/reject", "POST /api/v1/access-requests/{id}/reject");
        alias("POST /api/v1/requests/{id}/cancel", "POST /api/v1/access-requests/{id}/cancel");
        alias("POST /api/v1/user-roles", "POST /api/v1/role-assignments");
        alias("GET /api/v1/user-roles", "GET /api/v1/role-assignments");
        alias("DELETE /api/v1/user-roles/{id}", "DELETE /api/v1/role-assignments/{id}");
        scope("PUT /api/v1/projects/{id}/status", "project `{id}` (archived: delete, active: restore)", "projects:delete");
        rule("GET /api/v1/environments", "the environments of the projects the caller may read", Rule.AUTHENTICATED,
                "filtered by `projects:read` and `environments:read`");
        // seed 003: /v1/admin/… = /api/v1/…
        for (String route : new String[]{"POST /projects", "GET /projects", "GET /projects/{id}", "PATCH /projects/{id}",
                "POST /projects/{id}/api-keys", "GET /projects/{id}/api-keys", "GET /projects/{id}/signing-keys",
                "POST /projects/{id}/signing-keys/rotate", "GET /users", "GET /users/{id}", "PATCH /users/{id}", "DELETE /users/{id}",
                "POST /organizations", "GET /organizations", "GET /organizations/{id}", "PATCH /organizations/{id}",
                "DELETE /organizations/{id}", "GET /organizations/{id}/members", "POST /organizations/{id}/members",
                "PATCH /organizations/{id}/members/{userId}", "DELETE /organizations/{id}/members/{userId}",
                "POST /organizations/{id}/invitations", "GET /organizations/{id}/invitations",
                "DELETE /organizations/{id}/invitations/{invitationId}", "POST /webhooks", "GET /webhooks",
                "GET /webhooks/{id}/deliveries", "POST /webhooks/{id}/test"}) {
            int space = route.indexOf(' ');
            alias(route.substring(0, space) + " /v1/admin" + route.substring(space + 1), route.substring(0, space) + " /api/v1"
                    + route.substring(space + 1));
        }
        keyed("DELETE /v1/admin/projects/{id}/api-keys/{keyId}", "API key `{keyId}` of project `{id}` → its environment",
                "api-keys:write");
        alias("GET /v1/admin/audit", "GET /api/v1/audit-events");
    }

    private static final Map<String, Entry> BY_ROUTE = index();

    private static Map<String, Entry> index() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            if (map.put(normalized(e.route()), e) != null) {
                throw new IllegalStateException("two entries for " + e.route());
            }
            if (e.rule() == Rule.SCOPE && PermissionCatalog.byScope(e.scope()).isEmpty()) {
                throw new IllegalStateException("unknown scope " + e.scope() + " for " + e.route());
            }
        }
        return map;
    }

    private RouteAccess() {
    }

    static List<Entry> entries() {
        return List.copyOf(ENTRIES);
    }

    /** Path variables compared by position only: {@code {user_id}} and {@code {userId}} are the same. */
    static String normalized(String route) {
        return route.replaceAll("\\{[^}]+}", "{}");
    }

    static Optional<Entry> find(String method, String template) {
        return Optional.ofNullable(BY_ROUTE.get(normalized(method + " " + template)));
    }

    /** The principal kinds that can reach a route, for the documentation table. */
    static String reachedBy(Entry e) {
        return switch (e.rule()) {
            case PUBLIC -> "anyone";
            case AUTHENTICATED -> "every principal";
            case PLATFORM_ADMIN -> "platform admin";
            case OWN -> e.note();
            case SCOPE -> {
                if (e.usersOnly()) {
                    var least = PermissionCatalog.byScope(e.scope()).orElseThrow().leastRole();
                    yield "platform admin, organization " + least.name().toLowerCase(java.util.Locale.ROOT)
                            + "+ (users only, never API keys)";
                }
                var entry = PermissionCatalog.byScope(e.scope()).orElseThrow();
                List<String> kinds = new ArrayList<>(List.of("platform admin",
                        "organization " + entry.leastRole().name().toLowerCase(java.util.Locale.ROOT) + "+"));
                // a role on a project or environment acts there, never on the organization's own collections
                if (ResourceAccess.level(e.scope()) == ResourceAccess.Level.PROJECT && !e.resource().startsWith("organization")) {
                    kinds.add("project/environment reach");
                }
                kinds.add("organization key");
                if (e.environmentKeys()) {
                    kinds.add("environment key");
                }
                yield String.join(", ", kinds);
            }
        };
    }

    /** The route table of {@code docs/authorization.md}, generated. */
    static String markdownTable() {
        StringBuilder b = new StringBuilder();
        b.append("| route | resource | needs | reached by |\n|---|---|---|---|\n");
        for (Entry e : ENTRIES) {
            String needs = switch (e.rule()) {
                case SCOPE -> "`" + e.scope() + "`";
                case PUBLIC -> "nothing";
                case AUTHENTICATED -> "authentication";
                case PLATFORM_ADMIN -> "platform admin" + (e.note() == null ? "" : " (" + e.note() + ")");
                case OWN -> "who the caller is";
            };
            b.append("| `").append(e.route()).append("` | ").append(e.resource()).append(" | ").append(needs).append(" | ")
                    .append(reachedBy(e)).append(" |\n");
        }
        return b.toString();
    }
}
