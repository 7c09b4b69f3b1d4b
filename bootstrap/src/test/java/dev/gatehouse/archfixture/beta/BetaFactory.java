package dev.gatehouse.archfixture.beta;

import io.micronaut.context.annotation.Factory;

/** Allowed: the module factory is the adapter's one public class. */
@Factory
public class BetaFactory {
    PublicBetaStore store() {
        return new PublicBetaStore();
    }
}
