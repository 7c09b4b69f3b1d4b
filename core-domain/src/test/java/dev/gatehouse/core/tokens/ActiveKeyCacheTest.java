package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 38: an aged entry is re-read by one caller while the others keep signing with it. */
class ActiveKeyCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ActiveKeyCache cache = new ActiveKeyCache(now::get);
    private final ProjectId project = new ProjectId(UUID.randomUUID());
    private final OrganizationId org = new OrganizationId(UUID.randomUUID());

    private static SigningKey key() {
        return new SigningKey(new SigningKeyId(UUID.randomUUID()), KeyOwner.project(new ProjectId(UUID.randomUUID())),
                SigningAlgorithm.EDDSA, new byte[]{1}, new byte[]{2}, Instant.EPOCH, null);
    }

    private static TokenSigner.Key privateOf(SigningKey k) {
        return new TokenSigner.Key(k.id().text(), k.algorithm(), new byte[]{3});
    }

    @Test
    void oneCallerReReadsAnAgedEntryWhileTheOthersKeepSigningWithItUntilTheGraceEnds() {
        SigningKey k = key();
        assertThat(cache.fresh(project)).isEmpty();
        cache.put(project, org, k, privateOf(k));
        now.addAndGet(ActiveKeyCache.TTL_NANOS);
        assertThat(cache.fresh(project)).get().extracting(ActiveKeyCache.Entry::key).isEqualTo(k);

        now.addAndGet(1);
        assertThat(cache.fresh(project)).as("the first caller past the TTL re-reads").isEmpty();
        assertThat(cache.fresh(project)).as("the others sign meanwhile").isPresent();
        assertThat(cache.fresh(project)).isPresent();
        now.addAndGet(ActiveKeyCache.GRACE_NANOS);
        assertThat(cache.fresh(project)).as("past the grace nobody signs with it").isEmpty();

        cache.readDone(project);
        cache.put(project, org, k, privateOf(k));
        assertThat(cache.fresh(project)).isPresent();
    }

    @Test
    void aFailedReReadLetsTheNextCallerTry() {
        SigningKey k = key();
        cache.put(project, org, k, privateOf(k));
        now.addAndGet(ActiveKeyCache.TTL_NANOS + 1);
        assertThat(cache.fresh(project)).isEmpty();
        cache.readDone(project); // the read failed: nothing was put
        assertThat(cache.fresh(project)).as("the next caller re-reads").isEmpty();
    }

    @Test
    void theDecryptedPrivatePartIsOfferedOnlyForTheKeyItBelongsTo() {
        SigningKey k = key();
        TokenSigner.Key pk = privateOf(k);
        cache.put(project, org, k, pk);
        assertThat(cache.privateKey(project, k.id())).containsSame(pk);
        assertThat(cache.privateKey(project, key().id())).isEmpty();
        cache.invalidate(project);
        assertThat(cache.privateKey(project, k.id())).isEmpty();
        assertThat(cache.fresh(project)).isEmpty();
    }
}
