package dev.gatehouse.archfixture.core.memory;

import dev.gatehouse.archfixture.core.orders.FixtureStore;

/** The memory store implementing the fixture port: what makes {@link FixtureStore} a port. */
public class MemoryFixtureStore implements FixtureStore {
    @Override
    public String find(String id) {
        return id;
    }
}
