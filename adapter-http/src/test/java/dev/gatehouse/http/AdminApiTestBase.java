package dev.gatehouse.http;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class whose every test starts signed in as the platform admin: the test context's server, a
 * client for it ({@link Api}) and the admin's token. A subclass is a {@code @MicronautTest}.
 */
abstract class AdminApiTestBase {
    @Inject
    EmbeddedServer server;

    Api api;
    String token;

    @BeforeEach
    void signInAsAdmin() {
        api = new Api(server.getURL());
        token = api.adminToken();
    }
}
