/**
 * Tenancy: organizations (slug, tier, settings; soft delete that ends every member's access at once),
 * memberships with built-in roles kept in step with the {@code organization} relations of
 * {@code gatehouse.zed}, and invitations by email (hashed tokens, states as types). Rules are named
 * policies ({@link dev.gatehouse.core.tenancy.LastOwnerPolicy},
 * {@link dev.gatehouse.core.tenancy.OwnerRolePolicy}, {@link dev.gatehouse.core.tenancy.SelfPromotionPolicy});
 * every permission decision goes through {@link dev.gatehouse.core.authorization.AccessControl}.
 * Ports: {@link dev.gatehouse.core.tenancy.Organizations}, {@link dev.gatehouse.core.tenancy.Memberships},
 * {@link dev.gatehouse.core.tenancy.Invitations}, {@link dev.gatehouse.core.tenancy.Mailer}.
 */
package dev.gatehouse.core.tenancy;
