package dev.gatehouse.spicedb.caveats;

import dev.gatehouse.core.authorization.CaveatEvaluator;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * SpiceDB's caveats over CEL-Java for core's {@link CaveatEvaluator} port (ADR 24): the bean the
 * local authorizer uses, and the same engine for code outside dependency injection (the command line).
 */
@Factory
public class CelCaveats {

    /** A CEL caveat engine; stateless, so one may be shared. */
    public static CaveatEvaluator evaluator() {
        return new CelCaveatEvaluator();
    }

    @Singleton
    CaveatEvaluator caveatEvaluator() {
        return evaluator();
    }
}
