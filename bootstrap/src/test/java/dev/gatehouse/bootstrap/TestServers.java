package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;

import java.util.Optional;

/** Server configurations for the end-to-end tests that run once per store. */
final class TestServers {
    private TestServers() {
    }

    /** {@code memory}: the embedded default; {@code postgres}: a fresh database of the harness's cluster. */
    static ServerConfig config(String store, TestPostgres postgres) {
        if (store.equals("memory")) {
            return new ServerConfig(Optional.empty(), 0);
        }
        var db = postgres.database();
        // A generous database budget for a busy test machine; DatabaseOutageTest tests the budget itself.
        return new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password(),
                java.time.Duration.ofSeconds(30), ServerConfig.Database.DEFAULT_JOB_TIMEOUT)), 0);
    }

    /** A fresh database of the harness's cluster with the default database budget, as {@code serve} configures it. */
    static ServerConfig postgres(TestPostgres postgres) {
        var db = postgres.database();
        return new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password())), 0);
    }
}
