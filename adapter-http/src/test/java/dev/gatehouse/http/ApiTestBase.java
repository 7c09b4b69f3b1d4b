package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every API test class starts from: the test context's server and {@link Gatehouse}, a client
 * for the server ({@link Api}) and people and organizations made through it ({@link Tenants}). A
 * subclass is a {@code @MicronautTest}; its own {@code @BeforeAll} methods run after {@link #startApi()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase {
    @Inject
    EmbeddedServer server;
    @Inject
    Gatehouse gatehouse;

    Api api;
    Tenants tenants;

    @BeforeAll
    void startApi() {
        api = new Api(server.getURL());
        tenants = new Tenants(api, gatehouse);
    }
}
