/**
 * Entitlements: the plan catalog (data, {@link dev.gatehouse.core.entitlements.PlanCatalog}), each
 * organization's tier and overrides, the atomic check-and-count of usage that never passes a hard
 * limit ({@link dev.gatehouse.core.entitlements.UsageLedger}), threshold events, and the
 * {@link dev.gatehouse.core.entitlements.Entitlements} engine product use cases consume and release
 * through (members, projects, API keys).
 */
package dev.gatehouse.core.entitlements;
