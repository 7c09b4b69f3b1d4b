package dev.gatehouse.core.platform;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.Objects;

/**
 * What every feature shares, and nothing else: the clock, id generation, the transaction boundary,
 * the authorizer, the audit trail and the domain-event outbox. A feature's own ports travel in its
 * {@code *Stores} record; another feature's use cases are passed to its {@code wire} by name.
 *
 * <p>It lives in a package of its own, below every feature (it depends on {@code shared},
 * {@code authorization}, {@code audit} and {@code events} only), so that any feature may take it
 * without a package cycle.
 */
public record Platform(Clock clock, IdGenerator ids, Transactions transactions, Authorizer authorizer, Auditor auditor,
                       Events events) {
    public Platform {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
    }

    /** The permission checks of use cases ({@code require}: 404 when the caller may not even see it, else 403). */
    public AccessControl access() {
        return new AccessControl(authorizer);
    }
}
