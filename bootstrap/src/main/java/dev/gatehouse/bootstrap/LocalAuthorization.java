package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.CaveatEvaluator;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.authorization.RelationshipChanges;
import dev.gatehouse.core.authorization.RelationshipIndex;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The default authorizer ({@code gatehouse.authorizer=local}): core's evaluator of the product
 * schema over the relationships of the active {@link PlatformStores} (memory or PostgreSQL). With
 * {@code gatehouse.authorizer=spicedb} the SpiceDB adapter's factory provides the authorizer and
 * its readiness check instead.
 */
@Factory
@Requires(property = LocalAuthorization.PROPERTY, value = LocalAuthorization.LOCAL, defaultValue = LocalAuthorization.LOCAL)
class LocalAuthorization {
    static final String PROPERTY = "gatehouse.authorizer";
    static final String LOCAL = "local";

    /**
     * Over PostgreSQL (a {@link RelationshipChanges} feed exists) the evaluator reads through an
     * in-memory {@link RelationshipIndex} (ADR 0036) unless {@code gatehouse.authorization.index.enabled=false}:
     * {@code max-relationships} (default 100000) bounds it, {@code max-staleness} (default 1s) is how
     * late a change made on another instance may be seen, {@code token-wait} (default 100ms) how long a
     * read with a consistency token waits for its revision before reading the database.
     */
    @Singleton
    LocalAuthorizer localAuthorizer(PlatformStores stores, Transactions transactions, Clock clock,
                                    CaveatEvaluator caveats, @Nullable RelationshipChanges changes,
                                    @Value("${gatehouse.authorization.index.enabled:true}") boolean indexed,
                                    @Value("${gatehouse.authorization.index.max-relationships:100000}") long maxRelationships,
                                    @Value("${gatehouse.authorization.index.max-staleness:1s}") Duration maxStaleness,
                                    @Value("${gatehouse.authorization.index.token-wait:100ms}") Duration tokenWait) {
        Relationships relationships = stores.relationships();
        Relationships reads = changes != null && indexed
                ? RelationshipIndex.over(relationships, changes,
                        new RelationshipIndex.Settings(maxRelationships, maxStaleness, tokenWait))
                : relationships;
        // The shipped schema has no caveats; a failure here is a broken build. The caveat engine is
        // CEL (the SpiceDB adapter's CelCaveats factory), for embedders' schemas with caveats.
        return LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), reads, transactions, clock, caveats)
                .value();
    }

    @Singleton
    @Named("authorization")
    ReadinessCheck localAuthorizationReadiness(LocalAuthorizer authorizer) {
        int definitions = authorizer.schema().definitions().size();
        return new ReadinessCheck() {
            public String name() {
                return "authorization";
            }

            public Status check() {
                // In-process: it answers whenever the relationship store does (the "database" check).
                return Status.up("local evaluator, " + definitions + " definitions");
            }
        };
    }
}
