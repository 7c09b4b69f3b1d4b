package dev.gatehouse.core.keys;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

/**
 * One key, without its secret ({@code api_keys_read} where the key is bound; for a key whose
 * environment was deleted, where it was: its project, as the project's key list shows it).
 */
public record GetApiKey(ApiKeys apiKeys, KeyOwners owners, LastUsedRecorder lastUsed, Platform platform) {
    public Result<ApiKey> handle(Caller caller, ApiKeyId id) {
        return platform.transactions().readOnly(() -> {
            var key = apiKeys.byId(id);
            if (key.isEmpty()) {
                return Result.fail(Failure.notFound("API key"));
            }
            var where = owners.where(key.get());
            return platform.access().require(caller, where, "api_keys_read", "api_keys_read", "API key")
                    .<Result<ApiKey>>map(Result::fail).orElseGet(() -> Result.ok(lastUsed.overlay(key.get())));
        });
    }
}
