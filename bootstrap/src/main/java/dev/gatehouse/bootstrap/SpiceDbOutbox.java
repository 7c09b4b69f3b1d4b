package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.OutboxAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipRelay;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * SpiceDB over PostgreSQL: relationship changes are enqueued in the PostgreSQL outbox in the same
 * transaction as the domain change, and {@link RelationshipRelayJob} relays them to SpiceDB in order
 * (docs/adr/0008-spicedb-outbox.md). Reads go to SpiceDB. With the memory store, writes go to SpiceDB
 * directly (there is no durable place to keep them).
 */
@Factory
@Requires(property = "gatehouse.authorizer", value = "spicedb")
@Requires(property = "gatehouse.store", value = "postgres")
class SpiceDbOutbox {

    @Singleton
    @Primary
    Authorizer outboxAuthorizer(@Named("spicedb") Authorizer spiceDb, RelationshipOutbox outbox, Clock clock) {
        return new OutboxAuthorizer(spiceDb, outbox, clock, Optional.of(PermissionCatalog.productSchemaParsed()));
    }

    @Singleton
    RelationshipRelay relationshipRelay(@Named("spicedb") Authorizer spiceDb, RelationshipOutbox outbox, Clock clock) {
        return new RelationshipRelay(outbox, spiceDb, clock);
    }
}
