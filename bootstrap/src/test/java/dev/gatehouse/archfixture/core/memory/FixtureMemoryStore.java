package dev.gatehouse.archfixture.core.memory;

public class FixtureMemoryStore {
}
