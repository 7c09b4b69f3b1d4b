package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.orders.FixtureUseCase;

/** Allowed: a driving adapter calling a use case. */
public class AlphaUsingAUseCase {
    String read(FixtureUseCase useCase) {
        return useCase.handle("x");
    }
}
