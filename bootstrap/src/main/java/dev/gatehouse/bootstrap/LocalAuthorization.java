package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.CaveatEvaluator;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

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

    @Singleton
    LocalAuthorizer localAuthorizer(PlatformStores stores, Transactions transactions, Clock clock,
                                    CaveatEvaluator caveats) {
        // The shipped schema has no caveats; a failure here is a broken build. The caveat engine is
        // CEL (the SpiceDB adapter's CelCaveats factory), for embedders' schemas with caveats.
        return LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), stores.relationships(), transactions, clock, caveats)
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
