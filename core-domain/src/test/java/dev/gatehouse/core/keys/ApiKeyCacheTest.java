package dev.gatehouse.core.keys;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyCacheTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-07-01T08:00:00Z"));
    private final ApiKeyCache cache = new ApiKeyCache(clock);
    private final ApiKey active = new ApiKey(new ApiKeyId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()), null, null,
            "ci", Set.of("organizations:read"), "hash-1", "sk_live_abcd…", null, null, "usr_x", clock.instant(), null,
            ApiKeyStatus.ACTIVE, null, null, null, 0);
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<ApiKey> load() {
        loads.incrementAndGet();
        return Optional.of(active);
    }

    @Test
    void servesFromTheCacheUntilTheTtlEnds() {
        cache.get("hash-1", this::load);
        cache.get("hash-1", this::load);
        assertThat(loads).hasValue(1);
        clock.advance(ApiKeyCache.TTL);
        cache.get("hash-1", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anInvalidationDropsTheEntry() {
        cache.get("hash-1", this::load);
        cache.invalidate("hash-1");
        cache.get("hash-1", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadThatRanAcrossARevocationIsNotCached() {
        // The load reads the key as active; the revocation commits and invalidates while it runs.
        Optional<ApiKey> stale = cache.get("hash-1", () -> {
            cache.invalidate("hash-1");
            return load();
        });
        assertThat(stale).contains(active);
        cache.get("hash-1", this::load);
        assertThat(loads).as("the next request must read storage again, not the stale active copy").hasValue(2);
    }

    @Test
    void aLoadStartedAfterTheInvalidationIsCachedAgain() {
        cache.invalidate("hash-1");
        clock.advance(Duration.ofSeconds(1));
        cache.get("hash-1", this::load);
        cache.get("hash-1", this::load);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aClearDropsEveryEntryAndALoadThatRanAcrossItIsNotCached() {
        cache.get("hash-1", this::load);
        cache.clear();
        cache.get("hash-1", this::load);
        assertThat(loads).hasValue(2);
        cache.get("hash-2", () -> {
            cache.clear();
            return load();
        });
        cache.get("hash-2", this::load);
        assertThat(loads).as("the load across the clear may hold what a missed revocation replaced").hasValue(4);
    }
}
