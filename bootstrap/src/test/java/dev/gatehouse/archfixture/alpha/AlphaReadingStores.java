package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.FixtureFacade;

/** Violation: an adapter reaching into the facade's stores. */
public class AlphaReadingStores {
    Object read(FixtureFacade facade) {
        return facade.stores();
    }
}
