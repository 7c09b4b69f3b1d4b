package dev.gatehouse.bootstrap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once on each store the server offers ("both stores, one behaviour"): its
 * {@code String} parameter is the store's name, {@code memory} then {@code postgres}, as
 * {@link TestServers#config} takes it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@ValueSource(strings = {"memory", "postgres"})
@interface OnEveryStore {
}
