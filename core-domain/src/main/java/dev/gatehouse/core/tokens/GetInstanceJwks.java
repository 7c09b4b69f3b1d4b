package dev.gatehouse.core.tokens;

import java.time.Clock;
import java.util.List;

/**
 * The public keys that verify session tokens: every key of the instance (one is created when there is
 * none). Public: served at {@code /.well-known/jwks.json}.
 */
public record GetInstanceJwks(InstanceKeyRing ring, Clock clock) {
    public List<Jwk> handle() {
        ring.current();
        return GetProjectJwks.published(ring.published(), clock.instant());
    }
}
