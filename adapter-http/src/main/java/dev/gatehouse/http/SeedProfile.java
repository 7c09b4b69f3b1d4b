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

    /** The seed paths outside {@code /api/v1}: authenticated, limited, idempotent and authorized like it. */
    static final String SEED_000 = "/api/projects/**";
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

    private SeedProfile() {
    }

    /**
     * The organization a request names: the explicit one, else {@code X-Workspace-ID}, else an API key's
     * own (the seeds' clients authenticate with keys), else null (the use case says it is required).
     */
    static String organization(HttpRequest<?> request, String named) {
        if (named != null && !named.isBlank()) {
            return named;
        }
        String header = request.getHeaders().get(WORKSPACE_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        return Callers.principal(request).filter(p -> p instanceof Principal.ApiKey)
                .map(p -> ((Principal.ApiKey) p).organizationId().text()).orElse(named);
    }

    /**
     * A route template with a seed path rewritten to its canonical prefix, so that the resource it names
     * is found the same way ({@code /projects/{id}} → {@code /api/v1/projects/{id}}).
     */
    static String canonicalTemplate(String template) {
        if (template.startsWith("/api/v1/workspaces/")) {
            return "/api/v1/organizations/" + template.substring("/api/v1/workspaces/".length());
        }
        if (template.startsWith("/api/v1/requests/")) {
            return "/api/v1/access-requests/" + template.substring("/api/v1/requests/".length());
        }
        if (template.startsWith("/api/v1/user-roles/")) {
            return "/api/v1/role-assignments/" + template.substring("/api/v1/user-roles/".length());
        }
        if (template.startsWith("/api/projects/")) {
            return "/api/v1/projects/" + template.substring("/api/projects/".length());
        }
        if (template.startsWith("/projects/") || template.startsWith("/api-keys/")) {
            return "/api/v1" + template;
        }
        if (template.startsWith("/v1/admin/")) {
            return "/api/v1/" + template.substring("/v1/admin/".length());
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
