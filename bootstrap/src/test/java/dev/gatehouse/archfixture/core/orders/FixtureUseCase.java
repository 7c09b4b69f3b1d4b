package dev.gatehouse.archfixture.core.orders;

/** A use case of the fixture core, over its port. */
public class FixtureUseCase {
    private final FixtureStore store;

    public FixtureUseCase(FixtureStore store) {
        this.store = store;
    }

    public String handle(String id) {
        return store.find(id);
    }
}
