package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestDatabase;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The factory: which beans it provides and when, the CLI's migration and the readiness check. */
class PostgresStoresTest {

    @Nested
    class Migrate {
        @RegisterExtension
        static final TestPostgres POSTGRES = new TestPostgres();

        @Test
        void appliesTheMigrationsOnceAndThenNothing() throws Exception {
            TestDatabase db = POSTGRES.database();
            long migrations; // every file, so that branches adding migrations need not edit a count here
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "resources", "db", "migration"))) {
                migrations = files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.+\\.sql")).count();
            }
            assertThat(migrations).isGreaterThanOrEqualTo(15);
            assertThat(PostgresStores.migrate(db.jdbcUrl(), db.user(), db.password())).isEqualTo((int) migrations);
            assertThat(PostgresStores.migrate(db.jdbcUrl(), db.user(), db.password())).isZero();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                         + " WHERE schemaname = 'public'")) {
                rs.next();
                assertThat(rs.getString(1))
                        .isEqualTo("access_requests,api_keys,approval_policies,approval_workflows,audit_events,domain_events,email_verifications,entitlement_overrides,environments,flyway_schema_history,"
                                + "idempotency_records,invitations,mail_outbox,memberships,organizations,projects,rate_limit_buckets,"
                                + "relationship_outbox,relationships,role_assignments,roles,sessions,signing_keys,usage_counters,usage_leases,usage_records,users,"
                                + "webhook_deliveries,webhook_endpoints");
            }
        }
    }

    @Nested
    class Beans {
        @RegisterExtension
        static final TestPostgres POSTGRES = new TestPostgres();

        @Test
        void providesEveryPortAndAReadyDatabaseCheckWhenTheStoreIsPostgres() {
            try (ApplicationContext context = AdapterContext.start(POSTGRES.database())) {
                for (Class<?> port : new Class<?>[]{dev.gatehouse.core.identity.IdentityStores.class, dev.gatehouse.core.sessions.SessionStores.class,
                        dev.gatehouse.core.platform.PlatformStores.class,
                        dev.gatehouse.core.tokens.TokenStores.class, RelationshipOutbox.class, Transactions.class,
                        dev.gatehouse.core.tenancy.TenancyStores.class,
                        dev.gatehouse.core.approvals.ApprovalStores.class, dev.gatehouse.core.webhooks.WebhookStores.class,

                        dev.gatehouse.core.entitlements.EntitlementStores.class, dev.gatehouse.core.keys.KeyStores.class,
                        dev.gatehouse.core.roles.RoleStores.class}) {
                    assertThat(context.getBean(port)).as(port.getSimpleName()).isNotNull();
                }
                ReadinessCheck readiness = context.getBean(ReadinessCheck.class);
                assertThat(readiness.name()).isEqualTo("database");
                // In a cold JVM on a busy machine the very first probe (class loading, pool start) may
                // overrun the one-second budget; later checks pick up that same probe's answer.
                ReadinessCheck.Status status = readiness.check();
                for (int attempt = 1; attempt < 5 && !status.up(); attempt++) {
                    status = readiness.check();
                }
                assertThat(status.up()).as(status.detail()).isTrue();
            }
        }

        @Test
        void providesNothingForAnotherStore() {
            try (ApplicationContext context = ApplicationContext.run(Map.of("gatehouse.store", "memory"))) {
                assertThat(context.findBean(dev.gatehouse.core.identity.IdentityStores.class)).isEmpty();
                assertThat(context.findBean(dev.gatehouse.core.platform.PlatformStores.class)).isEmpty();
                assertThat(context.findBean(Transactions.class)).isEmpty();
                assertThat(context.findBean(ReadinessCheck.class)).isEmpty();
            }
        }
    }

    @Nested
    class Readiness {
        @Test
        void reportsAnUnreachableDatabaseAsDown() throws Exception {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            PGSimpleDataSource unreachable = new PGSimpleDataSource();
            unreachable.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing");
            ReadinessCheck.Status status = new PostgresReadinessCheck(unreachable).check();
            assertThat(status.up()).isFalse();
            assertThat(status.detail()).isNotBlank();
        }

        @Test
        void answersWithinAboutASecondWhenTheDatabaseHangs() {
            CountDownLatch release = new CountDownLatch(1);
            HangingDataSource hanging = new HangingDataSource(release);
            PostgresReadinessCheck check = new PostgresReadinessCheck(hanging);
            try {
                long started = System.nanoTime();
                ReadinessCheck.Status first = check.check();
                ReadinessCheck.Status second = check.check(); // joins the probe still hanging, starts no other
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(first.up()).isFalse();
                assertThat(first.detail()).contains("within");
                assertThat(second.up()).isFalse();
                assertThat(took).isLessThan(Duration.ofSeconds(4));
                assertThat(hanging.calls).hasValue(1);
            } finally {
                release.countDown();
            }
        }
    }

    /** A pool that never hands out a connection until released. */
    private static final class HangingDataSource implements DataSource {
        final AtomicInteger calls = new AtomicInteger();
        private final CountDownLatch release;

        HangingDataSource(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.sql.SQLException("released");
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
