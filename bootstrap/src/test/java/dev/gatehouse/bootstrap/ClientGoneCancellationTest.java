package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's database work ends when its client goes (ADR 0044), on PostgreSQL through the HTTP
 * server: the test holds a lock on the organizations table, so the request's statement waits on it;
 * the client then closes its connection, and the backend that ran the statement stops waiting
 * (cancelled) while the test still holds the lock. The server's statement timeout is far longer than
 * the test waits, so only the cancellation can end the statement in time. The server logs it as one
 * INFO line, not as an error.
 */
class ClientGoneCancellationTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static EmbeddedServer server;
    private static dev.gatehouse.postgres.testing.TestDatabase db;
    private static String session;
    private static String organization;

    @BeforeAll
    static void start() throws Exception {
        db = POSTGRES.database();
        ServerConfig config = new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password(),
                STATEMENT_TIMEOUT, ServerConfig.Database.DEFAULT_JOB_TIMEOUT)), 0);
        server = GatehouseServer.start(config, Map.of(
                "gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
        Http http = new Http(server.getURL().toString());
        session = http.login("root@example.com", "a long admin password", Duration.ofMinutes(3));
        organization = JSON.readTree(http.post("/api/v1/organizations", "{\"name\":\"Gone\"}", session).body())
                .at("/data/id").asText();
        assertThat(organization).isNotBlank();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void theStatementOfARequestWhoseClientHasGoneIsCancelled() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger problems = (Logger) LoggerFactory.getLogger("dev.gatehouse.http.ProblemErrorResponseProcessor");
        Level before = problems.getLevel();
        problems.setLevel(Level.INFO);
        root.addAppender(logs);
        try {
            cancelWhenTheClientGoes();
            awaitThat("the cancelled request is logged", () -> lines(logs, Level.INFO).stream().anyMatch(l -> l.startsWith(
                    "Client gone during GET /api/v1/organizations/" + organization)));
            assertThat(lines(logs, Level.ERROR)).as("a gone client is not an error").isEmpty();
        } finally {
            root.detachAppender(logs);
            problems.setLevel(before);
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> logs, Level level) {
        synchronized (logs) {
            return logs.list.stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void cancelWhenTheClientGoes() throws Exception {
        try (Connection holder = connect(); Connection watcher = connect()) {
            holder.setAutoCommit(false);
            int holderPid = pid(holder);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE");
            }
            URI url = server.getURI();
            int waiting;
            try (Socket client = new Socket(url.getHost(), url.getPort())) {
                OutputStream out = client.getOutputStream();
                out.write(("GET /api/v1/organizations/" + organization + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitThat("a backend of the server waits for the test's lock", () -> waitingOnLock(watcher, holderPid).isPresent());
                waiting = waitingOnLock(watcher, holderPid).getAsInt();
                assertThat(active(watcher, waiting)).isTrue();
            } // the client goes
            awaitThat("the waiting statement is cancelled while the lock is still held", () -> !active(watcher, waiting));
            assertThat(waitingOnLock(watcher, holderPid)).isEmpty();
            assertThat(holder.isValid(5)).as("the test still holds its lock").isTrue();
            holder.rollback();
        }
        // the server goes on answering
        Http http = new Http(server.getURL().toString());
        assertThat(http.get("/api/v1/organizations/" + organization, session).statusCode()).isEqualTo(200);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A backend of this database (not the holder's) waiting for a lock. */
    private static OptionalInt waitingOnLock(Connection watcher, int holderPid) {
        try (PreparedStatement ps = watcher.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND pid <> ? AND pid <> pg_backend_pid()")) {
            ps.setInt(1, holderPid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether backend {@code pid} is still running a statement. */
    private static boolean active(Connection watcher, int pid) {
        try (PreparedStatement ps = watcher.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "active".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds or {@link #WITHIN} passes (then fails naming {@code what}). */
    private static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WITHIN.toSeconds() + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20); // poll interval, not synchronisation: the condition decides
        }
    }
}
