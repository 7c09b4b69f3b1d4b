package dev.gatehouse.archfixture.core.feature;

import dev.gatehouse.archfixture.core.memory.FixtureMemoryStore;

/** Violation: a feature package depending on the memory adapter. */
public class FeatureUsingMemory {
    FixtureMemoryStore store = new FixtureMemoryStore();
}
