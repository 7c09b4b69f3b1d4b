package dev.gatehouse.postgres;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The work's failure is what the caller sees, even when the template's clean-up fails after it. */
class FirstFailureTest {
    private static final RuntimeException BROKEN_CONNECTION =
            new IllegalStateException("SQL failed", new SQLException("An I/O error occurred while sending to the backend.", "08006"));

    @Test
    void theWorksFailureWinsOverAFailedCleanUpWhichIsKeptAsSuppressed() {
        FirstFailure failure = new FirstFailure();
        RuntimeException cleanUp = new IllegalStateException("Could not reset auto-commit", new SQLException("Connection is closed"));
        assertThatThrownBy(() -> failure.track(() -> {
            throw BROKEN_CONNECTION;
        })).isSameAs(BROKEN_CONNECTION);
        RuntimeException thrown = failure.resolve(cleanUp);
        assertThat(thrown).isSameAs(BROKEN_CONNECTION);
        assertThat(thrown.getSuppressed()).containsExactly(cleanUp);
    }

    @Test
    void aTemplateThatWrapsTheWorksFailureIsThrownAsItIs() {
        FirstFailure failure = new FirstFailure();
        RuntimeException original = new IllegalStateException("work");
        assertThatThrownBy(() -> failure.track(() -> {
            throw original;
        }));
        RuntimeException wrapped = new RuntimeException("transaction failed", original);
        assertThat(failure.resolve(wrapped)).isSameAs(wrapped);
        assertThat(failure.resolve(original)).isSameAs(original);
    }

    @Test
    void aCommitThatMetABrokenConnectionIsAConnectionFailureNotAnAnonymousError() {
        FirstFailure failure = new FirstFailure();
        failure.track(() -> "read"); // the work succeeded; the commit met the server's shutdown
        SQLException closed = new SQLException("Connection is closed"); // what HikariCP's stand-in throws, no SQLState
        closed.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", "ProxyConnection.java", 562)});
        RuntimeException cleanUp = new IllegalStateException("Could not set JDBC Connection read-only", closed);
        RuntimeException thrown = failure.resolve(cleanUp);
        assertThat(thrown.getCause()).isInstanceOf(java.sql.SQLNonTransientConnectionException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
        assertThat(thrown.getCause().getCause()).isSameAs(cleanUp);
    }

    @Test
    void aClosedConnectionErrorFromElsewhereIsLeftAlone() {
        FirstFailure failure = new FirstFailure();
        failure.track(() -> "read");
        RuntimeException other = new IllegalStateException("x", new SQLException("Connection is closed"));
        assertThat(failure.resolve(other)).isSameAs(other);
    }

    @Test
    void aFailureOnlyInTheTemplateIsThrownAsItIs() {
        FirstFailure failure = new FirstFailure();
        assertThat(failure.<String>track(() -> "done")).isEqualTo("done");
        RuntimeException commitFailed = new IllegalStateException("commit failed");
        assertThat(failure.resolve(commitFailed)).isSameAs(commitFailed);
    }
}
