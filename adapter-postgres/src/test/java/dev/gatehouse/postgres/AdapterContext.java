package dev.gatehouse.postgres;

import dev.gatehouse.postgres.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/** Starts Micronaut the way bootstrap does: {@code gatehouse.store=postgres}, the test database, Flyway on. */
final class AdapterContext {
    private AdapterContext() {
    }

    static ApplicationContext start(TestDatabase db) {
        Map<String, Object> props = db.micronautProperties();
        props.put("gatehouse.store", "postgres");
        return ApplicationContext.run(props);
    }
}
