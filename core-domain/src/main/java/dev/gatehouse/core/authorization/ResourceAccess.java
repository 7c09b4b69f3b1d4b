package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Principal;


import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each permission of the catalog is decided, and what each kind of principal reaches: the one
 * declared source the use cases ({@link AccessControl}) and the HTTP route table read.
 *
 * <p>Organization-level resources (the organization's settings, members, invitations, roles and
 * role assignments, workflows and policies, webhooks, the plan and overrides, the audit trail) are
 * decided on the organization only: a principal whose reach is a project or an environment never
 * touches them, whatever its scopes. An environment key reaches its environment (its keys, verify,
 * token exchange), its project's metadata (read), and its organization's entitlement checks and
 * usage; nothing else. {@code plan:write} and {@code entitlements:write} are reserved: plan changes
 * and overrides are for platform admins (ADR 0011), so no key holds them.
 */
public final class ResourceAccess {

    /** How far a principal reaches. */
    public enum Reach {
        /** Platform admins and the system: everything. */
        PLATFORM,
        /** Users (through their organization role, role assignments and grants) and organization keys. */
        ORGANIZATION,
        /** A project-environment API key: its environment, its project's metadata, its organization's entitlements. */
        ENVIRONMENT,
        /** Not authenticated. */
        NONE
    }

    /** The kind of resource a scope's permission is decided on. */
    public enum Level {
        /** Organization-level: decided on the organization only. */
        ORGANIZATION,
        /** Decided on the project or environment acted on (inherited from the organization). */
        PROJECT
    }

    /** Scopes whose resources belong to the organization as a whole. */
    private static final Set<String> ORGANIZATION_LEVEL = Set.of(
            "organizations:read", "organizations:write", "organizations:delete",
            "members:read", "members:write", "owners:write", "plan:write",
            "roles:read", "roles:write", "policies:read", "policies:write",
            "webhooks:read", "webhooks:write", "webhooks:delete",
            "entitlements:write", "audit:read");

    /** What an environment key may hold: each of these grants it something (ADR 0017). */
    private static final List<String> ENVIRONMENT_KEY_SCOPES = List.of(
            "projects:read", "environments:read", "api-keys:read", "api-keys:write", "api-keys:verify",
            "signing-keys:read", "entitlements:read", "usage:write");

    /** Reserved for platform admins: no key holds them (they would grant nothing). */
    private static final Set<String> RESERVED = Set.of("plan:write", "entitlements:write");

    private ResourceAccess() {
    }

    public static Reach reach(Principal principal) {
        if (principal.platformAdmin()) {
            return Reach.PLATFORM;
        }
        if (principal instanceof Principal.ApiKey key) {
            return key.environmentId().isPresent() || key.projectId().isPresent() ? Reach.ENVIRONMENT : Reach.ORGANIZATION;
        }
        if (principal instanceof Principal.User) {
            return Reach.ORGANIZATION;
        }
        return Reach.NONE;
    }

    /** What an environment key reads on its own project: the project's metadata, its environments, its signing keys' public parts. */
    private static final Set<String> PROJECT_METADATA = Set.of("projects_read", "environments_read", "signing_keys_read",
            "api_keys_read");

    /**
     * Where a permission asked of an API key on {@code resource} is decided. An environment key's role
     * binding is on its environment, so reads of its own project's metadata ({@code projects_read},
     * {@code environments_read}, {@code signing_keys_read}, and {@code api_keys_read} for listing its
     * environment's keys) are decided on that environment; everything else where it is asked.
     */
    public static ObjectRef decidedOn(Principal.ApiKey key, ObjectRef resource, String permission) {
        if (resource.type().equals("project") && PROJECT_METADATA.contains(permission) && key.environmentId().isPresent()
                && key.projectId().map(p -> p.text().equals(resource.id())).orElse(false)) {
            return new ObjectRef("environment", key.environmentId().get().text());
        }
        return resource;
    }

    /** One resource a key reaches and the scopes it exercises there. */
    public record Reached(String type, String id, List<String> scopes) {
        public Reached {
            scopes = List.copyOf(scopes);
        }
    }

    private static final Set<String> ON_ORGANIZATION_FOR_ENVIRONMENT_KEYS = Set.of("entitlements:read", "usage:write");
    private static final Set<String> ON_PROJECT_FOR_ENVIRONMENT_KEYS = Set.of("projects:read", "environments:read",
            "signing-keys:read");

    /**
     * What a key reaches, most specific first: an organization key its organization with all its
     * scopes; an environment key its environment (its keys, verify, token exchange), its project's
     * metadata, and its organization's entitlement checks and usage. Scopes that grant nothing (held
     * by keys issued before ADR 0017) appear nowhere.
     */
    public static List<Reached> reachOf(Principal.ApiKey key) {
        List<String> held = PermissionCatalog.entries().stream().map(PermissionCatalog.Entry::scope)
                .filter(key.scopes()::contains).toList();
        if (reach(key) != Reach.ENVIRONMENT) {
            return List.of(new Reached("organization", key.organizationId().text(),
                    held.stream().filter(s -> !RESERVED.contains(s)).toList()));
        }
        List<Reached> out = new java.util.ArrayList<>();
        key.environmentId().ifPresent(e -> out.add(new Reached("environment", e.text(), held.stream()
                .filter(ENVIRONMENT_KEY_SCOPES::contains).filter(s -> s.startsWith("api-keys:")).toList())));
        key.projectId().ifPresent(p -> out.add(new Reached("project", p.text(), held.stream()
                .filter(ON_PROJECT_FOR_ENVIRONMENT_KEYS::contains).toList())));
        out.add(new Reached("organization", key.organizationId().text(), held.stream()
                .filter(ON_ORGANIZATION_FOR_ENVIRONMENT_KEYS::contains).toList()));
        return out;
    }

    public static Level level(String scope) {
        return ORGANIZATION_LEVEL.contains(scope) ? Level.ORGANIZATION : Level.PROJECT;
    }

    /** The scope of a schema permission ({@code webhooks_read} → {@code webhooks:read}); the permission itself when unknown. */
    public static String scopeOf(String permission) {
        return PermissionCatalog.entries().stream().filter(e -> e.permission().equals(permission))
                .map(PermissionCatalog.Entry::scope).findFirst().orElse(permission);
    }

    /** Whether a principal of this reach can ever exercise the scope. */
    public static boolean reaches(Reach reach, String scope) {
        return switch (reach) {
            case PLATFORM -> true;
            case ORGANIZATION -> true;
            case ENVIRONMENT -> ENVIRONMENT_KEY_SCOPES.contains(scope);
            case NONE -> false;
        };
    }

    /** The scopes a key of this kind may be given, in catalog order. */
    public static List<String> keyScopes(boolean environmentKey) {
        return PermissionCatalog.entries().stream().map(PermissionCatalog.Entry::scope)
                .filter(s -> !RESERVED.contains(s))
                .filter(s -> !environmentKey || ENVIRONMENT_KEY_SCOPES.contains(s))
                .toList();
    }

    /** The requested scopes no key of this kind may hold (reserved, or granting it nothing), in request order. */
    public static List<String> grantingNothing(Set<String> scopes, boolean environmentKey) {
        Set<String> allowed = new LinkedHashSet<>(keyScopes(environmentKey));
        return scopes.stream().filter(s -> !allowed.contains(s)).toList();
    }

    public static Set<String> reserved() {
        return RESERVED;
    }
}
