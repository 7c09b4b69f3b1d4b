package dev.gatehouse.archfixture.core;

import io.micronaut.context.annotation.Factory;

/** Violation: a core class using Micronaut. */
@Factory
public class CoreUsingFramework {
}
