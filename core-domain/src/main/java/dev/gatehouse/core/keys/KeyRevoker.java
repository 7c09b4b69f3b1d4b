package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Result;

/**
 * Revokes a live key locked by the caller's transaction, for a reason: the row is marked revoked, its
 * {@code api_keys} slot given back (unless a rotation already passed it on), its role binding
 * withdrawn, audit and event {@code api_key.revoked} (with the reason) recorded and the revocation
 * announced to the other instances on commit. The caller drops this instance's cache entry after the
 * commit. A failed relationship write fails it (the caller rolls back). Shared by the manual
 * revocation and the lifecycle cascade.
 */
public record KeyRevoker(ApiKeys apiKeys, KeyRevocations revocations, Quota entitlements, Platform platform) {
    public Result<ApiKey> revoke(Caller caller, ApiKey key, String reason) {
        if (!(key.revoke(platform.clock().instant(), reason) instanceof ApiKey.Revocation.Revoked revocation)) {
            return Result.ok(key);
        }
        ApiKey revoked = revocation.key();
        apiKeys.update(revoked);
        if (revocation.freesSlot()) { // a rotating key's slot already passed to its successor
            entitlements.release(key.organizationId(), Quota.API_KEYS, 1);
        }
        var withdrawn = platform.authorizer().write(KeyRelationships.withdrawals(key));
        if (!withdrawn.isOk()) {
            return Result.fail(withdrawn.failure());
        }
        var d = KeyEventData.of(revoked);
        d.put("reason", reason);
        platform.auditor().record(caller, "api_key.revoked", "api_key", key.id(), key.organizationId(), d);
        platform.events().record(new dev.gatehouse.core.events.KeyEvent.ApiKeyRevoked(key.organizationId(), d));
        revocations.announce(key.hash());
        return Result.ok(revoked);
    }
}
