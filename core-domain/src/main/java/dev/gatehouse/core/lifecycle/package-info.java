/**
 * Lifecycle cascades: when an organization, project or environment is deleted, a project purged, a user
 * deactivated or a member removed, everything beneath it stops in the same transaction through one
 * mechanism. The use case that ends something builds an {@link dev.gatehouse.core.lifecycle.Ending}
 * (what ended, why, who, when) and runs the {@link dev.gatehouse.core.lifecycle.Cascade}; each feature
 * registers one {@link dev.gatehouse.core.lifecycle.Dependent} that ends what it owns beneath the scope
 * (API keys revoked with the cause as their reason, grants revoked, pending requests cancelled, role
 * assignments removed, webhook endpoints disabled, seats released) and, after the commit, drops what this
 * instance cached. See ADR 0018.
 */
package dev.gatehouse.core.lifecycle;
