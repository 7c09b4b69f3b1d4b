package dev.gatehouse.core.contract;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test data for the port contracts. Times are whole microseconds (PostgreSQL's precision) and ids
 * are UUIDv7 whose order follows the given time.
 */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private static final AtomicLong SEQ = new AtomicLong();

    private Fixtures() {
    }

    public static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    /** A UUIDv7 for the given instant, unique within the test run. */
    public static UUID idAt(Instant when) {
        Clock fixed = Clock.fixed(when, ZoneOffset.UTC);
        return new SecureIdGenerator(fixed).newId();
    }


    /** A caller who is a fresh user (not a platform admin), from a fixed test origin. */
    public static Caller someUser() {
        return new Caller(new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", false),
                new Origin("203.0.113.1", "junit", "req-1", null, null));
    }

    /** The calling user as an authorization subject. */
    public static SubjectRef subject(Caller c) {
        return SubjectRef.of("user", ((Principal.User) c.principal()).userId().text());
    }
    public static User user(String email, String name, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return User.create(new UserId(idAt(t)), new Email(email), name, "$test$hash-" + SEQ.incrementAndGet(), false, t);
    }

    public static AuditEvent event(Instant when, String actorId, String action, String resourceType, String resourceId,
                                   OrganizationId org, String correlationId) {
        return new AuditEvent(new EventId(idAt(when)), when.truncatedTo(ChronoUnit.MICROS), "user", actorId, action,
                resourceType, resourceId, org, "203.0.113.7", "curl/8", "req-" + SEQ.incrementAndGet(), correlationId,
                null, Map.of("name", Map.of("before", "a", "after", "b"), "count", 3, "flag", true));
    }
}
