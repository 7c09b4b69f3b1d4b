package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bean definitions a server's context holds depend on its store (ADR 30): the embedded default
 * has nothing of the PostgreSQL path (no DataSource, Hikari, Flyway, Micronaut Data, transactions),
 * the PostgreSQL server has them, and neither has Micronaut management.
 */
class StoreBeanDefinitionsTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final List<String> POSTGRES_PATH = List.of("javax.sql.", "com.zaxxer.hikari.", "org.flywaydb.", "io.micronaut.flyway.",
            "io.micronaut.data.", "io.micronaut.transaction.", "io.micronaut.jdbc.", "io.micronaut.configuration.jdbc.",
            "dev.gatehouse.postgres.");

    @Test
    void theEmbeddedDefaultDefinesNothingOfThePostgresPath() throws Exception {
        try (var server = RunningServer.start(new ServerConfig(Optional.empty(), 0))) {
            ApplicationContext context = server.bean(ApplicationContext.class);
            assertThat(context.getBeanDefinitions(DataSource.class)).isEmpty();
            assertThat(definitionsFrom(context, POSTGRES_PATH)).isEmpty();
            assertThat(definitionsFrom(context, List.of("io.micronaut.management."))).isEmpty();
            // Ready means the first admin can log in (the start-up tasks are done).
            var ready = server.http().get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"startup\":{\"status\":\"up\",\"detail\":\"done\"}");
            assertThat(server.loginAdmin()).isNotBlank();
        }
    }

    @Test
    void thePostgresServerDefinesItsDataSourceAndMigrations() throws Exception {
        try (var server = RunningServer.start(TestServers.postgres(POSTGRES))) {
            ApplicationContext context = server.bean(ApplicationContext.class);
            assertThat(context.getBeanDefinitions(DataSource.class)).isNotEmpty();
            assertThat(context.getBean(DataSource.class)).isNotNull();
            assertThat(definitionsFrom(context, List.of("io.micronaut.flyway."))).isNotEmpty();
            assertThat(definitionsFrom(context, List.of("io.micronaut.configuration.jdbc.hikari."))).isNotEmpty();
            assertThat(definitionsFrom(context, List.of("dev.gatehouse.postgres."))).isNotEmpty();
            assertThat(definitionsFrom(context, List.of("io.micronaut.management."))).isEmpty();
            assertThat(server.http().get("/readyz", null).body()).contains("\"startup\":{\"status\":\"up\"");
        }
    }

    /** Names of the definitions whose bean type or defining class lies in one of the packages. */
    private static List<String> definitionsFrom(ApplicationContext context, List<String> packages) {
        return context.getAllBeanDefinitions().stream()
                .map(StoreBeanDefinitionsTest::names)
                .filter(names -> packages.stream().anyMatch(p -> names.startsWith(p) || names.contains(" " + p)))
                .toList();
    }

    private static String names(BeanDefinition<?> d) {
        return d.getBeanType().getName() + " " + d.getClass().getName();
    }
}
