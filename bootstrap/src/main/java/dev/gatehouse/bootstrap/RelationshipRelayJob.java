package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Relays the outbox to SpiceDB every half second (and at once again while batches come back full);
 * every instance runs it, the outbox hands each entry to one. Publishes the lag as
 * {@code gatehouse_relationship_outbox_pending} and {@code gatehouse_relationship_outbox_oldest_seconds},
 * and purges entries relayed more than a day ago.
 */
@Singleton
@Requires(beans = RelationshipRelay.class)
class RelationshipRelayJob {
    private static final Logger LOG = LoggerFactory.getLogger(RelationshipRelayJob.class);
    static final int BATCH = 100;
    private static final Duration KEEP_RELAYED = Duration.ofDays(1);

    private final RelationshipRelay relay;
    private final RelationshipOutbox outbox;
    private final Clock clock;
    private volatile Instant lastPurge = Instant.EPOCH;

    RelationshipRelayJob(RelationshipRelay relay, RelationshipOutbox outbox, Clock clock, MeterRegistry registry) {
        this.relay = relay;
        this.outbox = outbox;
        this.clock = clock;
        Gauge.builder("gatehouse_relationship_outbox_pending", relay, r -> r.lag().pending())
                .description("Relationship changes not yet relayed to SpiceDB").register(registry);
        Gauge.builder("gatehouse_relationship_outbox_oldest_seconds", relay, r -> r.lag().oldestPendingAge().toMillis() / 1000.0)
                .description("Age of the oldest relationship change not yet relayed to SpiceDB").register(registry);
    }

    @Scheduled(fixedDelay = "${gatehouse.outbox.relay-interval:500ms}", initialDelay = "1s")
    void relayDue() {
        try {
            RelationshipRelay.Outcome outcome;
            do {
                outcome = relay.relayDue(BATCH);
            } while (outcome.relayed() == BATCH);
            Instant now = clock.instant();
            if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) >= 0) {
                lastPurge = now;
                int purged = outbox.purgeRelayed(now.minus(KEEP_RELAYED));
                if (purged > 0) {
                    LOG.info("Purged {} relayed relationship changes", purged);
                }
            }
        } catch (RuntimeException e) {
            // A scheduled job that throws is not rescheduled by some executors: log and go on.
            LOG.warn("Relationship relay run failed; retrying at the next run", e);
        }
    }
}
