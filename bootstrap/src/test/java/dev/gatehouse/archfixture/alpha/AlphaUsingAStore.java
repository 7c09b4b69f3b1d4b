package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.orders.FixtureStore;

/** Violation: a driving adapter reading a store port instead of calling a use case. */
public class AlphaUsingAStore {
    String read(FixtureStore store) {
        return store.find("x");
    }
}
