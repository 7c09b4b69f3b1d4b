package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.idempotency.StoredResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link IdempotencyRecords} implementation shows. Each test gets an empty store. */
public abstract class IdempotencyRecordsContract {

    protected abstract IdempotencyRecords records();

    private IdempotencyRecords records;

    @BeforeEach
    void freshStore() {
        records = records();
    }

    private static IdempotencyRecord claimAt(String principal, String key, String fingerprint, Instant now) {
        return new IdempotencyRecord(principal, key, fingerprint, null, now, now.plus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(24)));
    }

    private static StoredResponse created(String body) {
        return new StoredResponse(201, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstClaimWinsAndLaterOnesSeeIt() {
        assertThat(records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0))).isEmpty();
        Optional<IdempotencyRecord> second = records.claim(claimAt("usr_a", "k1", "f1", at(1)), at(1));
        assertThat(second).isPresent();
        assertThat(second.get().completed()).isFalse();
        assertThat(second.get().fingerprint()).isEqualTo("f1");
    }

    @Test
    void keysAreScopedToThePrincipal() {
        assertThat(records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0))).isEmpty();
        assertThat(records.claim(claimAt("usr_b", "k1", "f1", at(0)), at(0))).isEmpty();
    }

    @Test
    void aCompletedRecordReplaysItsResponse() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        records.complete("usr_a", "k1", "f1", created("{\"id\":1}"));
        IdempotencyRecord existing = records.claim(claimAt("usr_a", "k1", "f1", at(5)), at(5)).orElseThrow();
        assertThat(existing.completed()).isTrue();
        assertThat(existing.response()).isEqualTo(created("{\"id\":1}"));
        assertThat(records.find("usr_a", "k1").orElseThrow().response().status()).isEqualTo(201);
    }

    @Test
    void completingWithAnotherFingerprintChangesNothing() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        records.complete("usr_a", "k1", "other", created("{}"));
        assertThat(records.find("usr_a", "k1").orElseThrow().completed()).isFalse();
    }

    @Test
    void aReleasedClaimCanBeTakenAgain() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        records.release("usr_a", "k1", "f1");
        assertThat(records.find("usr_a", "k1")).isEmpty();
        assertThat(records.claim(claimAt("usr_a", "k1", "f1", at(1)), at(1))).isEmpty();
    }

    @Test
    void releaseNeverDropsACompletedRecord() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        records.complete("usr_a", "k1", "f1", created("{}"));
        records.release("usr_a", "k1", "f1");
        assertThat(records.find("usr_a", "k1")).isPresent();
    }

    @Test
    void anAbandonedClaimLapsesAfterItsLock() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        assertThat(records.claim(claimAt("usr_a", "k1", "f2", at(59)), at(59))).isPresent();
        assertThat(records.claim(claimAt("usr_a", "k1", "f2", at(61)), at(61))).isEmpty();
        assertThat(records.find("usr_a", "k1").orElseThrow().fingerprint()).isEqualTo("f2");
    }

    @Test
    void aCompletedRecordHoldsUntilItExpires() {
        records.claim(claimAt("usr_a", "k1", "f1", at(0)), at(0));
        records.complete("usr_a", "k1", "f1", created("{}"));
        Instant beforeExpiry = at(0).plus(Duration.ofHours(24)).minusSeconds(1);
        assertThat(records.claim(claimAt("usr_a", "k1", "f2", beforeExpiry), beforeExpiry)).isPresent();
        Instant afterExpiry = at(0).plus(Duration.ofHours(24));
        assertThat(records.claim(claimAt("usr_a", "k1", "f2", afterExpiry), afterExpiry)).isEmpty();
    }

    @Test
    void purgeRemovesOnlyExpiredRecords() {
        records.claim(claimAt("usr_a", "old", "f", at(0)), at(0));
        records.complete("usr_a", "old", "f", created("{}"));
        Instant later = at(0).plus(Duration.ofHours(20));
        records.claim(claimAt("usr_a", "new", "f", later), later);
        assertThat(records.purgeExpired(at(0).plus(Duration.ofHours(25)))).isEqualTo(1);
        assertThat(records.find("usr_a", "old")).isEmpty();
        assertThat(records.find("usr_a", "new")).isPresent();
    }

    @Test
    void ofManyConcurrentClaimsExactlyOneWins() throws Exception {
        int n = 20;
        List<Boolean> won = Race.run(n, n, i -> () -> records.claim(claimAt("usr_a", "race", "f", at(0)), at(0)).isEmpty());
        assertThat(won).filteredOn(w -> w).hasSize(1);
    }
}
