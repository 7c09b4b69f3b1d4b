package dev.gatehouse.core.keys;

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
public final class RevokeApiKey {
    private final ApiKeyContext ctx;
    private final dev.gatehouse.core.entitlements.Entitlements entitlements;

    public RevokeApiKey(ApiKeyContext ctx) {
        this(ctx, dev.gatehouse.core.entitlements.Entitlements.unenforced());
    }

    /** With {@code entitlements}: revoking gives the key's {@code api_keys} slot back. */
    public RevokeApiKey(ApiKeyContext ctx, dev.gatehouse.core.entitlements.Entitlements entitlements) {
        this.ctx = ctx;
        this.entitlements = entitlements;
    }

    public Result<ApiKey> handle(Caller caller, ApiKeyId id) {
        Result<ApiKey> done = ctx.tx().inTransaction(() -> {
            var found = ctx.apiKeys().lockById(id);
            if (found.isEmpty()) {
                return Result.<ApiKey>fail(Failure.notFound("API key"));
            }
            ApiKey key = found.get();
            var denied = ctx.access().require(caller, ApiKeyContext.owner(key), "api_keys_write", "api_keys_read", "API key");
            if (denied.isPresent()) {
                return Result.<ApiKey>fail(denied.get());
            }
            if (key.status() == ApiKeyStatus.REVOKED) {
                return Result.ok(key);
            }
            return ctx.revoke(caller, key, ApiKey.REVOKED_MANUALLY, entitlements);
        });
        if (done.isOk()) {
            ctx.cache().invalidate(done.value().hash());
        }
        return done;
    }
}
