package dev.gatehouse.archfixture.core;

import dev.gatehouse.archfixture.core.orders.FixtureStore;
import dev.gatehouse.archfixture.core.orders.FixtureUseCase;

/** The fixture core's facade: its use cases, and (to be read by nobody outside the core) its ports. */
public final class FixtureFacade {
    public record Ports(FixtureStore store) {
    }

    private final Ports ports;
    private final FixtureUseCase useCase;

    public FixtureFacade(FixtureStore store) {
        this.ports = new Ports(store);
        this.useCase = new FixtureUseCase(store);
    }

    public Ports ports() {
        return ports;
    }

    public FixtureUseCase useCase() {
        return useCase;
    }
}
