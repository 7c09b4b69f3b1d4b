package dev.gatehouse.postgres.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself: it connects, and every test class gets a database of its own. */
class TestPostgresTest {
    /** Names seen by the classes below; they must all differ. */
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static String currentDatabase(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Nested
    class AsField {
        @RegisterExtension
        static final TestPostgres POSTGRES = new TestPostgres();

        @Test
        void connectsToAFreshDatabaseOfItsOwn() throws SQLException {
            TestDatabase db = POSTGRES.database();
            assertThat(db.name()).startsWith("gh_asfield_");
            assertThat(currentDatabase(db)).isEqualTo(db.name());
            assertThat(SEEN.add(db.name())).as("database names differ per class").isTrue();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("a new database is empty").isZero();
            }
        }

        @Test
        void truncatesEveryTableButFlywayHistory() throws SQLException {
            TestDatabase db = POSTGRES.database();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS t (v int)");
                s.execute("CREATE TABLE IF NOT EXISTS flyway_schema_history (v int)");
                s.execute("INSERT INTO t VALUES (1)");
                s.execute("INSERT INTO flyway_schema_history VALUES (1)");
                db.truncateAllTables();
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM flyway_schema_history)")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                    assertThat(rs.getInt(2)).isEqualTo(1);
                }
            }
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClassDatabase() throws SQLException {
                assertThat(currentDatabase(POSTGRES.database())).startsWith("gh_asfield_");
            }
        }
    }

    @Nested
    class WithOwnCluster {
        @RegisterExtension
        static final TestPostgres OWN = TestPostgres.withOwnCluster();

        /** A connection that gives up after 2 s without an answer (a paused server never answers). */
        private static Connection connectImpatiently(TestDatabase db) throws SQLException {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", db.user());
            props.setProperty("password", db.password());
            props.setProperty("loginTimeout", "2");
            props.setProperty("socketTimeout", "2");
            return java.sql.DriverManager.getConnection(db.jdbcUrl(), props);
        }

        private static int selectOne(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        @Test
        void pausedServerAcceptsNothingAndResumesWhereItStopped() throws SQLException {
            TestDatabase db = OWN.database();
            try (Connection open = connectImpatiently(db)) {
                OWN.cluster().pause();
                try {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> selectOne(open)).isInstanceOf(SQLException.class);
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connectImpatiently(db).close())
                            .isInstanceOf(SQLException.class);
                } finally {
                    OWN.cluster().resume();
                }
            }
            try (Connection c = connectImpatiently(db)) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
        }

        @Test
        void shutDownServerRefusesAndComesBackWithItsData() throws SQLException {
            TestDatabase db = OWN.database();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS kept (v int)");
                s.execute("INSERT INTO kept VALUES (7)");
            }
            OWN.cluster().shutDown();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> connectImpatiently(db).close())
                        .isInstanceOf(SQLException.class);
            } finally {
                OWN.cluster().restart();
            }
            try (Connection c = connectImpatiently(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(v) FROM kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Nested
    @ExtendWith(TestPostgres.class)
    class AsParameter {
        static TestDatabase database;

        @BeforeAll
        static void keep(TestDatabase db) {
            database = db;
        }

        @Test
        void resolvesTheClassDatabase(TestDatabase db) throws SQLException {
            assertThat(db).isEqualTo(database);
            assertThat(currentDatabase(db)).isEqualTo(db.name());
            assertThat(SEEN.add(db.name())).as("database names differ per class").isTrue();
        }

        @Test
        void givesMicronautTheDatasourceAndFlyway(TestDatabase db) {
            assertThat(db.micronautProperties())
                    .containsEntry("datasources.default.url", db.jdbcUrl())
                    .containsEntry("flyway.datasources.default.enabled", true);
        }
    }
}
