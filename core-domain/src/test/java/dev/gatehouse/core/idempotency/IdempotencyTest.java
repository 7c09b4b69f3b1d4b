package dev.gatehouse.core.idempotency;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryIdempotencyRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryIdempotencyRecords records = new MemoryIdempotencyRecords();
    private final Idempotency idem = new Idempotency(records, clock);
    private final String body = Idempotency.fingerprint("POST", "/api/v1/users", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    @Test
    void replaysTheStoredResponseForTheSameRequest() {
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.Proceed.class);
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.InProgress.class);
        var response = new StoredResponse(201, "application/json", "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        idem.finish("usr_a", "k", body, response);
        assertThat(idem.begin("usr_a", "k", body)).isEqualTo(new Idempotency.Replay(response));
    }

    @Test
    void refusesAnotherRequestUnderTheSameKey() {
        idem.begin("usr_a", "k", body);
        String other = Idempotency.fingerprint("POST", "/api/v1/users", "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(idem.begin("usr_a", "k", other)).isInstanceOf(Idempotency.Mismatch.class);
        String otherPath = Idempotency.fingerprint("POST", "/api/v1/other", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(otherPath).isNotEqualTo(body);
    }

    @Test
    void serverErrorsAndThrottlingLeaveTheKeyFree() {
        idem.begin("usr_a", "k", body);
        idem.finish("usr_a", "k", body, new StoredResponse(503, "application/problem+json", new byte[0]));
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.Proceed.class);
        idem.finish("usr_a", "k", body, new StoredResponse(429, "application/problem+json", new byte[0]));
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.Proceed.class);
        idem.finish("usr_a", "k", body, new StoredResponse(422, "application/problem+json", new byte[0]));
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.Replay.class);
    }

    @Test
    void keysExpireAfter24Hours() {
        idem.begin("usr_a", "k", body);
        idem.finish("usr_a", "k", body, new StoredResponse(201, "application/json", new byte[0]));
        clock.advance(Duration.ofHours(24));
        assertThat(idem.purgeExpired()).isEqualTo(1);
        assertThat(idem.begin("usr_a", "k", body)).isInstanceOf(Idempotency.Proceed.class);
    }

    @Test
    void validatesKeys() {
        assertThat(Idempotency.keyProblem("a".repeat(255))).isEmpty();
        assertThat(Idempotency.keyProblem("a".repeat(256))).isPresent();
        assertThat(Idempotency.keyProblem(" ")).isPresent();
        assertThat(Idempotency.keyProblem("bad\nkey")).isPresent();
    }
}
