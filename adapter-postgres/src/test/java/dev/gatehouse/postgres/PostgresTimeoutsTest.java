package dev.gatehouse.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database budget reaches every connection of the pool (ADR 0021): a 1 s budget gives a
 * statement 600 ms on the server and a read 1 s on the socket, the pool 800 ms to hand out a
 * connection; a purge's own transaction gets the job budget instead.
 */
class PostgresTimeoutsTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    static ApplicationContext context;
    static Sql sql;

    @BeforeAll
    static void start() {
        Map<String, Object> props = POSTGRES.database().micronautProperties();
        props.put("gatehouse.store", "postgres");
        props.put("gatehouse.database.timeout", "1s");
        props.put("gatehouse.database.job-timeout", "30s");
        context = ApplicationContext.run(props);
        sql = context.getBean(Sql.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static String show(java.sql.Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Nested
    class RequestBudget {
        @Test
        void everyPooledConnectionHasTheStatementTimeout() {
            assertThat(sql.<String>run(c -> show(c, "statement_timeout"))).isEqualTo("600ms");
        }

        @Test
        void thePoolWaitsAtMostFourFifthsOfTheBudgetForAConnection() {
            DataSource ds = context.getBean(DataSource.class);
            HikariDataSource pool = (HikariDataSource) context.getBean(DataSourceResolver.class).resolve(ds);
            assertThat(pool.getConnectionTimeout()).isEqualTo(800);
            assertThat(pool.getValidationTimeout()).isEqualTo(250);
            assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "1");
        }

        @Test
        void aStatementBeyondTheBudgetIsCancelledByTheServer() {
            assertThatThrownBy(() -> sql.run(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("SELECT pg_sleep(5)");
                }
            })).isInstanceOf(DataAccessException.class)
                    .rootCause().isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            // the connection survived the cancellation and the pool goes on serving
            assertThat(sql.<String>run(c -> show(c, "statement_timeout"))).isEqualTo("600ms");
        }
    }

    @Nested
    class JobBudget {
        @Test
        void aPurgesTransactionMayRunLongerThanARequest() {
            long started = System.nanoTime();
            String limit = sql.inOwnLongTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_sleep(1.5)"); // beyond the request's statement and socket timeouts
                }
                return show(c, "statement_timeout");
            });
            assertThat(limit).isEqualTo("30s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1400));
        }

        @Test
        void theJobLimitsEndWithItsTransaction() {
            sql.inOwnLongTransaction(c -> show(c, "statement_timeout"));
            for (int i = 0; i < 5; i++) { // whichever pooled connection comes next
                assertThat(sql.<String>run(c -> show(c, "statement_timeout"))).isEqualTo("600ms");
                assertThat(sql.<Integer>run(c -> c.getNetworkTimeout())).isEqualTo(1000);
            }
        }
    }

    @Nested
    class Settings {
        @Test
        void rejectsABudgetOutsideItsRange() {
            assertThatThrownBy(() -> new DatabaseTimeouts(Duration.ofMillis(500), Duration.ofMinutes(1)))
                    .hasMessageContaining("gatehouse.database.timeout");
            assertThatThrownBy(() -> new DatabaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                    .hasMessageContaining("gatehouse.database.job-timeout");
        }

        @Test
        void defaultsKeepARequestWithinFiveSeconds() {
            DatabaseTimeouts d = DatabaseTimeouts.defaults();
            assertThat(d.connectionTimeoutMillis() + d.validationTimeoutMillis()).isLessThanOrEqualTo(5000);
            assertThat(d.socketTimeoutSeconds()).isEqualTo(4);
            assertThat(d.statementTimeoutMillis()).isEqualTo(3000).isLessThan(d.socketTimeoutSeconds() * 1000L);
        }
    }
}
