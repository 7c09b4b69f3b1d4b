package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.FixtureFacade;

import java.util.function.Supplier;

/** Violation: an adapter handing on the facade's stores by method reference (without calling {@code stores()} itself). */
public class AlphaReferencingStores {
    Supplier<FixtureFacade.Stores> read(FixtureFacade facade) {
        return facade::stores;
    }
}
