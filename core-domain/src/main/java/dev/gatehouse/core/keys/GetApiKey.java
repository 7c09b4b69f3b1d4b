package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

/**
 * One key, without its secret ({@code api_keys_read} where the key is bound; for a key whose
 * environment was deleted, where it was: its project, as the project's key list shows it).
 */
public final class GetApiKey {
    private final ApiKeyContext ctx;

    public GetApiKey(ApiKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<ApiKey> handle(Caller caller, ApiKeyId id) {
        return ctx.tx().readOnly(() -> {
            var key = ctx.apiKeys().byId(id);
            if (key.isEmpty()) {
                return Result.fail(Failure.notFound("API key"));
            }
            var where = ctx.where(key.get());
            return ctx.access().require(caller, where, "api_keys_read", "api_keys_read", "API key")
                    .<Result<ApiKey>>map(Result::fail).orElseGet(() -> Result.ok(ctx.lastUsed().overlay(key.get())));
        });
    }
}
