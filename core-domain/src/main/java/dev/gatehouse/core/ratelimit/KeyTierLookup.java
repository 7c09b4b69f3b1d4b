package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.shared.ApiKeyId;

import java.util.Optional;

/** An API key's own {@code rate_limit_tier}, if it has one (it may only lower its organization's tier). */
@FunctionalInterface
public interface KeyTierLookup {
    Optional<String> ownTierOf(ApiKeyId key);

    static KeyTierLookup none() {
        return key -> Optional.empty();
    }
}
