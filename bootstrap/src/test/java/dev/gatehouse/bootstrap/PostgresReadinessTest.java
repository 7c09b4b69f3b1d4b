package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness reports a database that stops answering under a running server (its own database: it is cut off). */
class PostgresReadinessTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static ServerConfig config() {
        return TestServers.postgres(POSTGRES);
    }

    @Test
    void readinessFailsWhenTheDatabaseBecomesUnreachable() throws Exception {
        try (var server = RunningServer.start(config())) {
            Http http = server.http();
            assertThat(http.get("/readyz", null).statusCode()).isEqualTo(200);
            var db = POSTGRES.database();
            // From another database: PostgreSQL refuses to lock out the database one is connected to.
            var maintenance = new dev.gatehouse.postgres.testing.TestDatabase("postgres",
                    db.jdbcUrl().replaceFirst("/" + db.name() + "(\\?|$)", "/postgres$1"), db.user(), db.password());
            try (var c = maintenance.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name()
                        + "' AND pid <> pg_backend_pid()");
            }
            var ready = http.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"database\":{\"status\":\"down\",\"detail\":\"unavailable\"}");
            // public: no driver text (exception class, message, host or database name)
            assertThat(ready.body()).doesNotContainIgnoringCase("exception").doesNotContain("FATAL")
                    .doesNotContain(db.name());
            assertThat(http.get("/healthz", null).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/health", null).statusCode()).isEqualTo(503);
        }
    }
}
