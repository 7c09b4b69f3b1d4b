/**
 * Reach: where a resource named by a route lives (its organization), asked before scopes are
 * weighed so that another tenant's resource is "not found" whatever the caller lacks (ADR 0017).
 * It reads the features' store ports, so it sits above every feature; only the wiring depends on it.
 */
package dev.gatehouse.core.reach;
