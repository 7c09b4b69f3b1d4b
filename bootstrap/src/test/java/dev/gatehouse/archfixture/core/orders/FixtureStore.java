package dev.gatehouse.archfixture.core.orders;

/** A driven port of the fixture core: the memory adapter implements it. */
public interface FixtureStore {
    String find(String id);
}
