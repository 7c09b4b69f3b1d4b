package dev.gatehouse.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Starts the HTTP server for a configuration; used by the CLI and by the end-to-end tests. */
public final class GatehouseServer {
    private GatehouseServer() {
    }

    /**
     * Starts a server. {@code extra} properties (admin credentials in tests, for example) are added
     * to the configuration's.
     */
    public static EmbeddedServer start(ServerConfig config, Map<String, Object> extra) {
        return start(config, extra, new Object[0]);
    }

    /**
     * Starts a server with beans of the caller's in place of the defaults where the wiring allows it
     * (a {@link java.time.Clock}, for tests that move time).
     */
    public static EmbeddedServer start(ServerConfig config, Map<String, Object> extra, Object... beans) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.putAll(extra);
        ApplicationContext context = ApplicationContext.builder()
                .singletons(beans)
                .properties(props)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            context.getBean(StartupTasks.class).completion().join();
            return server;
        } catch (CompletionException e) {
            context.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }
}
