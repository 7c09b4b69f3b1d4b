package dev.gatehouse.http;

import dev.gatehouse.core.shared.Principal;
import io.micronaut.http.HttpRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The seed compatibility profile's small translations (ADR 32): the {@code X-Workspace-ID} header
 * names the organization where a request names none, and the seeds' scope names are accepted as
 * aliases of the catalog's when a key is issued.
 */
final class SeedProfile {
    /** The seeds' header for the organization (a workspace) a request acts in. */
    static final String WORKSPACE_HEADER = "X-Workspace-ID";

    /**
     * The seed paths outside {@code /api/v1}: authenticated, limited, idempotent and authorized like it.
     * Seed 000's resources ({@code /api/projects}, {@code /api/tenants}, {@code /api/webhooks}) in one
     * pattern, as the filters take a fixed list: every {@code /api/…s/…} (never {@code /api/health},
     * {@code /api/openapi.json} or {@code /api/v1}); its product modules there are not served (401 without
     * credentials, 404 with).
     */
    static final String SEED_000 = "/api/*s/**";
    static final String SEED_004_PROJECTS = "/projects/**";
    static final String SEED_004_KEYS = "/api-keys/**";
    static final String SEED_003 = "/v1/admin/**";

    /** The seeds' scope names → the catalog's. */
    static final Map<String, String> SCOPE_ALIASES = Map.of(
            "workspaces:read", "organizations:read",
            "workspaces:write", "organizations:write",
            "workspaces:delete", "organizations:delete",
            "api-keys:delete", "api-keys:write",
            "entitlements:write", "usage:write");

    /** Seed path prefixes → their canonical ones, the first that matches. */
    private static final String[][] CANONICAL_PREFIXES = {
            {"/api/v1/workspaces/", "/api/v1/organizations/"},
            {"/api/v1/requests/", "/api/v1/access-requests/"},
            {"/api/v1/user-roles/", "/api/v1/role-assignments/"},
            {"/api/projects/", "/api/v1/projects/"},
            {"/api/tenants/", "/api/v1/organizations/"},
            {"/api/webhooks/", "/api/v1/webhooks/"},
            {"/projects/", "/api/v1/projects/"},
            {"/api-keys/", "/api/v1/api-keys/"},
            {"/v1/admin/", "/api/v1/"}};

    private SeedProfile() {
    }

    /**
     * The organization a request names: the explicit one, else {@code X-Workspace-ID}, else an API key's
     * own (the seeds' clients authenticate with keys), else null (the use case says it is required).
     */
    static String organization(HttpRequest<?> request, String named) {
        String explicit = named(request, named);
        if (explicit != null) {
            return explicit;
        }
        return Callers.principal(request).filter(p -> p instanceof Principal.ApiKey)
                .map(p -> ((Principal.ApiKey) p).organizationId().text()).orElse(named);
    }

    /** The organization a request names itself: the explicit one, else {@code X-Workspace-ID}, else null. */
    static String named(HttpRequest<?> request, String named) {
        if (named != null && !named.isBlank()) {
            return named;
        }
        String header = request.getHeaders().get(WORKSPACE_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }

    /**
     * A route template with a seed path rewritten to its canonical prefix, so that the resource it names
     * is found the same way ({@code /projects/{id}} → {@code /api/v1/projects/{id}}).
     */
    static String canonicalTemplate(String template) {
        for (String[] prefix : CANONICAL_PREFIXES) {
            if (template.startsWith(prefix[0])) {
                return prefix[1] + template.substring(prefix[0].length());
            }
        }
        return template;
    }

    /** Requested scopes with the seeds' aliases replaced by the catalog's names, in order, without duplicates. */
    static List<String> scopes(List<String> requested) {
        if (requested == null) {
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : requested) {
            out.add(s == null ? null : SCOPE_ALIASES.getOrDefault(s, s));
        }
        return new ArrayList<>(out);
    }
}
