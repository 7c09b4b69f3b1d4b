/**
 * Custom roles and role assignments: an organization's named sets of permissions (scopes of the
 * {@link dev.gatehouse.core.authorization.PermissionCatalog}), stored in the {@link dev.gatehouse.core.roles.Roles}
 * port and mirrored as {@code role:<id>#<permission>@user:*} / {@code @api_key:*} relationships, and
 * their assignment to users on an organization, project or environment through a {@code role_binding}
 * (or, for a built-in role on a project or environment, the resource's own relation). Every change
 * writes store, relationships, audit event and domain event in one transaction.
 */
package dev.gatehouse.core.roles;
