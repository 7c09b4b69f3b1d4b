/**
 * Keys: signing keys for tokens, and API keys ({@code sk_live_…}/{@code sk_test_…}) — issued for a
 * project environment or an organization with scopes no wider than their creator's, stored only as
 * a SHA-256 hash, verified for other services and used as bearer credentials (their scopes become a
 * per-key role binding in the authorization model), revoked at once.
 */
package dev.gatehouse.core.keys;
