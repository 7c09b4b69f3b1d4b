package dev.gatehouse.bootstrap;

import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.memory.MemorySessions;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The sessions feature ({@link UserSessions}): its store in memory on the embedded default (on
 * PostgreSQL the adapter's {@code PostgresSessionStores}), its use cases over the active stores, and
 * its part of the lifecycle cascade (a deactivated user's sessions end), which {@link CoreWiring}
 * hands to the Gatehouse with every other {@link Dependent} bean.
 */
@Factory
class SessionWiring {
    @Singleton
    @Requires(property = "gatehouse.store", value = "memory", defaultValue = "memory")
    Sessions memorySessions(MemoryTransactions tx) {
        return new MemorySessions(tx);
    }

    @Singleton
    UserSessions userSessions(Sessions sessions, Users users, Memberships memberships, Organizations organizations, AuditLog auditLog,
                              EventOutbox outbox, Transactions tx, Clock clock, IdGenerator ids) {
        return UserSessions.wire(sessions, users, memberships, organizations, new Auditor(auditLog, clock, ids),
                new Events(outbox, clock, ids), tx, clock, ids);
    }

    @Singleton
    Dependent sessionCascade(UserSessions sessions) {
        return sessions.cascade();
    }
}
