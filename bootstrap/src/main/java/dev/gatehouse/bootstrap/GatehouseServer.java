package dev.gatehouse.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * Packages whose bean definitions this configuration never needs; the context does not even load
     * them (ADR 30): Micronaut management always (its endpoints are off; Gatehouse serves its own
     * health and metrics), and on the memory store everything of the PostgreSQL path (Micronaut Data,
     * transactions, JDBC, Hikari, Flyway and the PostgreSQL adapter).
     */
    static List<String> excludedPackages(Map<String, Object> props) {
        return "postgres".equals(String.valueOf(props.get("gatehouse.store"))) ? ALWAYS_EXCLUDED
                : java.util.stream.Stream.concat(ALWAYS_EXCLUDED.stream(), POSTGRES_ONLY.stream()).toList();
    }

    static final List<String> ALWAYS_EXCLUDED = List.of("io.micronaut.management.");
    static final List<String> POSTGRES_ONLY = List.of("io.micronaut.data.", "io.micronaut.transaction.", "io.micronaut.jdbc.",
            "io.micronaut.configuration.jdbc.", "io.micronaut.flyway.", "dev.gatehouse.postgres.");

    /**
     * A context builder whose context reads the bean definition references by name and instantiates
     * only those outside the excluded packages. Micronaut's own reference loading instantiates every
     * reference on the class path and only then evaluates its conditions, and its bean configurations
     * cannot disable Micronaut's own packages.
     */
    private static final class Builder extends DefaultApplicationContextBuilder {
        private final List<String> excluded;

        Builder(List<String> excluded) {
            this.excluded = excluded;
        }

        @Override
        protected ApplicationContext newApplicationContext() {
            return new DefaultApplicationContext(this) {
                private List<BeanDefinitionReference> references;

                @Override
                protected synchronized List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
                    if (references == null) {
                        references = load(getClassLoader());
                    }
                    return references;
                }
            };
        }

        @SuppressWarnings("rawtypes")
        private List<BeanDefinitionReference> load(ClassLoader loader) {
            Set<String> names;
            try {
                names = MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(loader, BeanDefinitionReference.class.getName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<BeanDefinitionReference> found = new ArrayList<>(names.size());
            for (String name : names) {
                if (excluded.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                try {
                    var reference = (BeanDefinitionReference) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
                    if (reference.isPresent()) {
                        found.add(reference);
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    // like Micronaut's own loading: a definition whose classes are absent is not a bean
                }
            }
            return found;
        }
    }

    /**
     * Starts a server with beans of the caller's in place of the defaults where the wiring allows it
     * (a {@link java.time.Clock}, for tests that move time).
     */
    public static EmbeddedServer start(ServerConfig config, Map<String, Object> extra, Object... beans) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.putAll(extra);
        ApplicationContext context = new Builder(excludedPackages(props))
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
