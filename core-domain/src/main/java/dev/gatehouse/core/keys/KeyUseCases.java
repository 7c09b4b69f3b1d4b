package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

/**
 * The API keys feature: its use cases, wired once by {@link #wire}. The HTTP adapter's key routes and
 * bearer authentication inject this record; an embedder reaches it as {@code gatehouse.keys()}.
 *
 * @param apiKeyLifecycle expires keys past their expiry or rotation and sends expiry warnings; run it every minute or so
 * @param apiKeyLastUsed  keys' last use, noted per request and written in batches: call {@link LastUsedRecorder#flush()}
 *                        regularly and at shutdown
 * @param apiKeyCache     this instance's cache of looked-up keys; an adapter delivers other instances' revocations to it
 * @param authenticateApiKey for the HTTP adapter's bearer authentication: the API key principal of a token, if any
 * @param cascade         the keys' part of every lifecycle cascade (ADR 0018)
 */
public record KeyUseCases(IssueApiKey issueApiKey, ListApiKeys listApiKeys, GetApiKey getApiKey, RevokeApiKey revokeApiKey,
                          RotateApiKey rotateApiKey, VerifyApiKey verifyApiKey, AuthenticateApiKey authenticateApiKey,
                          ApiKeyLifecycle apiKeyLifecycle, LastUsedRecorder apiKeyLastUsed, ApiKeyCache apiKeyCache,
                          ApiKeyCascade cascade) {

    /**
     * @param organizations, projects, environments what keys belong to (read only)
     * @param entitlements   the plan's {@code api_keys} limit: issuing consumes a slot, revocation and expiry give it back
     * @param rateLimiter    a VALID verification takes from the key's own bucket
     */
    public static KeyUseCases wire(KeyStores stores, Platform platform, Organizations organizations, Projects projects,
                                   Environments environments, Quota entitlements, RateLimiter rateLimiter) {
        ApiKeys apiKeys = stores.apiKeys();
        var cache = new ApiKeyCache(platform.clock());
        var lastUsed = new LastUsedRecorder(apiKeys, platform.transactions());
        var lookup = new ApiKeyLookup(apiKeys, cache, platform.transactions());
        var owners = new KeyOwners(organizations, projects, environments, cache, platform.transactions());
        var scopeGuard = new KeyScopeGuard(platform.authorizer());
        var revoker = new KeyRevoker(apiKeys, stores.revocations(), entitlements, platform);
        return new KeyUseCases(
                new IssueApiKey(apiKeys, organizations, projects, environments, scopeGuard, entitlements, platform),
                new ListApiKeys(apiKeys, projects, lastUsed, platform),
                new GetApiKey(apiKeys, owners, lastUsed, platform),
                new RevokeApiKey(apiKeys, revoker, cache, platform),
                new RotateApiKey(apiKeys, stores.revocations(), owners, scopeGuard, cache, platform),
                new VerifyApiKey(lookup, owners, lastUsed, platform.authorizer(), platform.clock(),
                        k -> rateLimiter.admitApiKey(k.id(), k.organizationId(), k.rateLimitTier())),
                new AuthenticateApiKey(lookup, owners, lastUsed, platform.clock()),
                new ApiKeyLifecycle(apiKeys, stores.revocations(), cache, entitlements, platform),
                lastUsed, cache,
                new ApiKeyCascade(apiKeys, stores.revocations(), revoker, cache, platform.authorizer(), entitlements));
    }
}
