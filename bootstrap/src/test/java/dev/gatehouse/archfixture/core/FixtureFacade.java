package dev.gatehouse.archfixture.core;

import dev.gatehouse.archfixture.core.orders.FixtureStore;
import dev.gatehouse.archfixture.core.orders.FixtureUseCase;

/** The fixture core's facade: its use cases, and (to be read by nobody outside the core) its stores. */
public final class FixtureFacade {
    public record Stores(FixtureStore store) {
    }

    private final Stores stores;
    private final FixtureUseCase useCase;

    public FixtureFacade(FixtureStore store) {
        this.stores = new Stores(store);
        this.useCase = new FixtureUseCase(store);
    }

    public Stores stores() {
        return stores;
    }

    public FixtureUseCase useCase() {
        return useCase;
    }
}
