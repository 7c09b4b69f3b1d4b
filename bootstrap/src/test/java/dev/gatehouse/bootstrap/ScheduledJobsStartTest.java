package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.postgres.testing.TestDatabase;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled jobs of a server on PostgreSQL come and go with it: none runs while the server stops
 * (a job due then used to build the core's beans again on the scheduler's thread, after they had
 * been destroyed, and fail with an ERROR, see {@link JobsAfterStartup}), and the audit flush job writes an issued token's audit entry
 * (written behind the request, ADR 30) to the database by itself, with nothing reading the trail.
 * Three starts and stops, because the race showed in most but not all of them.
 */
class ScheduledJobsStartTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @RepeatedTest(3)
    void jobsRunOnlyWhileTheServerRunsAndTheAuditFlushWritesBehindEntries() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        TestDatabase db = POSTGRES.database();
        ServerConfig config = new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password(),
                Duration.ofSeconds(30), ServerConfig.Database.DEFAULT_JOB_TIMEOUT)), 0);
        try (var server = RunningServer.start(config, Map.of())) {
            Http http = server.http();
            String root0 = server.loginAdmin();
            String org = server.createOrganization(root0, "Jobs");
            String project = server.createProject(root0, org, "Web");
            var key = http.post("/api/v1/projects/" + project + "/api-keys",
                    "{\"name\":\"svc\",\"environment\":\"production\",\"scopes\":[\"projects:read\"]}", root0);
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            var exchanged = http.post("/api/v1/auth/token", "{\"expires_in\":600}", Http.field(key.body(), "key"));
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(201);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (issuedTokensAudited(db) == 0) {
                assertThat(System.nanoTime()).as("the issued token's audit entry reaches the database within 30 s").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(50); // poll interval, not synchronisation: the table decides
            }
        } finally {
            root.detachAppender(logs);
        }
        List<String> errors;
        synchronized (logs) {
            errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        }
        assertThat(errors).as("errors logged by a server that started and stopped normally").isEmpty();
    }

    private static long issuedTokensAudited(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_events WHERE action = 'api_key.token_issued'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
