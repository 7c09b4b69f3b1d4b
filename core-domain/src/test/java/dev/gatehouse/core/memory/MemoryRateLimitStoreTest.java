package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.RateLimitStoreContract;
import dev.gatehouse.core.ratelimit.RateLimitStore;

class MemoryRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected RateLimitStore store() {
        return new MemoryRateLimitStore();
    }
}
