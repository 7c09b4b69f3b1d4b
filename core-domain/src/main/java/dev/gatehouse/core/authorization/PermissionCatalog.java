package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The permissions of {@code gatehouse.zed} as API key scopes: every scope {@code resource:action}
 * is the schema permission {@code resource_action} on organizations, projects and environments,
 * with the least built-in role that holds it. {@code ProductSchemaTest} keeps catalog and schema in step.
 */
public final class PermissionCatalog {

    /** The built-in roles, from least to most powerful. */
    public enum Role {
        VIEWER, MEMBER, ADMIN, OWNER
    }

    /** One scope: its text, the schema permission, the least built-in role granting it, a description. */
    public record Entry(String scope, String permission, Role leastRole, String description) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("organizations:read", "organizations_read", Role.VIEWER, "Read the organization and its settings"),
            new Entry("organizations:write", "organizations_write", Role.ADMIN, "Update the organization's name, slug and settings"),
            new Entry("organizations:delete", "organizations_delete", Role.OWNER, "Delete the organization"),
            new Entry("members:read", "members_read", Role.VIEWER, "List members and invitations"),
            new Entry("members:write", "members_write", Role.ADMIN, "Invite, add, change and remove members below owner"),
            new Entry("owners:write", "owners_write", Role.OWNER, "Grant and revoke the owner role"),
            new Entry("plan:write", "plan_write", Role.OWNER, "Change the organization's plan"),
            new Entry("projects:read", "projects_read", Role.VIEWER, "Read projects"),
            new Entry("projects:write", "projects_write", Role.ADMIN, "Create and update projects"),
            new Entry("projects:delete", "projects_delete", Role.ADMIN, "Delete and restore projects"),
            new Entry("environments:read", "environments_read", Role.VIEWER, "Read environments"),
            new Entry("environments:write", "environments_write", Role.ADMIN, "Create and delete environments"),
            new Entry("api-keys:read", "api_keys_read", Role.VIEWER, "List API keys (never their secrets)"),
            new Entry("api-keys:write", "api_keys_write", Role.ADMIN, "Create, rotate and revoke API keys"),
            new Entry("api-keys:verify", "api_keys_verify", Role.ADMIN, "Verify API keys presented to your service"),
            new Entry("signing-keys:read", "signing_keys_read", Role.VIEWER, "Read signing keys and JWKS"),
            new Entry("signing-keys:write", "signing_keys_write", Role.ADMIN, "Rotate signing keys"),
            new Entry("roles:read", "roles_read", Role.VIEWER, "Read custom roles and role assignments"),
            new Entry("roles:write", "roles_write", Role.ADMIN, "Manage custom roles and role assignments"),
            new Entry("access-requests:read", "access_requests_read", Role.VIEWER, "Read access requests"),
            new Entry("access-requests:write", "access_requests_write", Role.MEMBER, "Submit and cancel access requests"),
            new Entry("access-requests:approve", "access_requests_approve", Role.ADMIN, "Approve and reject access requests"),
            new Entry("policies:read", "policies_read", Role.VIEWER, "Read approval policies and workflows"),
            new Entry("policies:write", "policies_write", Role.ADMIN, "Manage approval policies and workflows"),
            new Entry("webhooks:read", "webhooks_read", Role.VIEWER, "Read webhook endpoints and deliveries"),
            new Entry("webhooks:write", "webhooks_write", Role.ADMIN, "Create and update webhook endpoints, retry deliveries"),
            new Entry("webhooks:delete", "webhooks_delete", Role.ADMIN, "Delete webhook endpoints"),
            new Entry("entitlements:read", "entitlements_read", Role.VIEWER, "Check entitlements and read usage"),
            new Entry("entitlements:write", "entitlements_write", Role.OWNER, "Override entitlements"),
            new Entry("usage:write", "usage_write", Role.MEMBER, "Record usage"),
            new Entry("audit:read", "audit_read", Role.ADMIN, "Read the audit trail"));

    private static final Map<String, Entry> BY_SCOPE = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Entry::scope, Function.identity()));

    private PermissionCatalog() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> byScope(String scope) {
        return Optional.ofNullable(BY_SCOPE.get(scope));
    }

    /**
     * The product schema, parsed and type-checked once. Throws when the shipped schema does not parse:
     * that is a broken build, not an expected failure.
     */
    public static Schema productSchemaParsed() {
        return ParsedProductSchema.SCHEMA;
    }

    private static final class ParsedProductSchema {
        static final Schema SCHEMA = parse();

        private static Schema parse() {
            Result<Schema> parsed = Schema.parse(productSchema());
            if (!parsed.isOk()) {
                throw new IllegalStateException("gatehouse.zed does not parse: " + parsed.failure().message());
            }
            return parsed.value();
        }
    }

    /** The product schema shipped with core-domain ({@code gatehouse.zed} on the class path). */
    public static String productSchema() {
        try (var in = PermissionCatalog.class.getResourceAsStream("/gatehouse.zed")) {
            if (in == null) {
                throw new IllegalStateException("gatehouse.zed is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
