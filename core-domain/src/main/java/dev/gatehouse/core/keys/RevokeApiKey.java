package dev.gatehouse.core.keys;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

/**
 * Revokes a key ({@code api_keys_write} where it is bound): the row is marked revoked (reason
 * {@code manual}), its role binding relationships are deleted, audit and event {@code api_key.revoked} recorded, the revocation
 * announced to the other instances ({@link KeyRevocations}, delivered on commit), and this instance's
 * cache entry dropped at once. Revoking a revoked key changes nothing.
 */
public record RevokeApiKey(ApiKeys apiKeys, KeyRevoker revoker, ApiKeyCache cache, Platform platform) {
    public Result<ApiKey> handle(Caller caller, ApiKeyId id) {
        Result<ApiKey> done = platform.transactions().inTransaction(() -> {
            var found = apiKeys.lockById(id);
            if (found.isEmpty()) {
                return Result.<ApiKey>fail(Failure.notFound("API key"));
            }
            ApiKey key = found.get();
            var denied = platform.access().require(caller, KeyOwners.owner(key), "api_keys_write", "api_keys_read", "API key");
            if (denied.isPresent()) {
                return Result.<ApiKey>fail(denied.get());
            }
            return revoker.revoke(caller, key, ApiKey.REVOKED_MANUALLY); // a revoked key stays as it is
        });
        if (done.isOk()) {
            cache.invalidate(done.value().hash());
        }
        return done;
    }
}
