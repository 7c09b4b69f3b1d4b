package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import io.micronaut.runtime.server.EmbeddedServer;

final class TestSupport {
    private TestSupport() {
    }

    static Gatehouse gatehouse(EmbeddedServer server) {
        return server.getApplicationContext().getBean(Gatehouse.class);
    }
}
