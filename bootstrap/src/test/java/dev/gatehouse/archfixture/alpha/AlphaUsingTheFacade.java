package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.FixtureFacade;

/** Violation of the facade rule only: an adapter calling a use case through the whole facade. */
public class AlphaUsingTheFacade {
    String read(FixtureFacade facade) {
        return facade.useCase().handle("x");
    }
}
