package dev.gatehouse.postgres;

import java.time.Duration;

/**
 * How long anything may wait for the database, derived from two budgets (ADR 0021):
 * {@code request} ({@value #REQUEST_PROPERTY}, default 5 s) bounds what a request waits at any one
 * step, so an unreachable, restarting or hung server turns into a 503 within about that time;
 * {@code job} ({@value #JOB_PROPERTY}, default 10 min) bounds the bulk statements of background
 * purges, which may legitimately run longer than a request should.
 *
 * <p>From the request budget T: a pooled connection is waited for at most 0.8 T (HikariCP
 * {@code connectionTimeout}), of which checking an idle connection is alive takes at most 0.2 T
 * ({@code validationTimeout}, 250 ms to 1 s); a socket read waits at most 0.8 T (pgjdbc
 * {@code socketTimeout}, whole seconds, at least 1): the only limit that helps against a server that
 * accepts connections but never answers (a stopped process, a dead host); the server itself cancels
 * a statement after 0.6 T ({@code statement_timeout}, always below the socket timeout so a slow
 * statement is cancelled cleanly rather than its connection cut).
 */
record DatabaseTimeouts(Duration request, Duration job) {
    static final String REQUEST_PROPERTY = "gatehouse.database.timeout";
    static final String JOB_PROPERTY = "gatehouse.database.job-timeout";
    static final Duration DEFAULT_REQUEST = Duration.ofSeconds(5);
    static final Duration DEFAULT_JOB = Duration.ofMinutes(10);
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX_REQUEST = Duration.ofMinutes(10);
    static final Duration MAX_JOB = Duration.ofHours(24);
    private static final long FLOOR_MILLIS = 250; // HikariCP's smallest connection and validation timeout

    DatabaseTimeouts {
        if (request.compareTo(MIN) < 0 || request.compareTo(MAX_REQUEST) > 0) {
            throw new IllegalArgumentException(REQUEST_PROPERTY + " must be between 1s and 10m, not " + request);
        }
        if (job.compareTo(request) < 0 || job.compareTo(MAX_JOB) > 0) {
            throw new IllegalArgumentException(JOB_PROPERTY + " must be between " + REQUEST_PROPERTY + " and 24h, not " + job);
        }
    }

    static DatabaseTimeouts defaults() {
        return new DatabaseTimeouts(DEFAULT_REQUEST, DEFAULT_JOB);
    }

    long connectionTimeoutMillis() {
        return Math.max(FLOOR_MILLIS, request.toMillis() * 4 / 5);
    }

    long validationTimeoutMillis() {
        return Math.min(1000, Math.max(FLOOR_MILLIS, request.toMillis() / 5));
    }

    int socketTimeoutSeconds() {
        return (int) Math.max(1, request.toMillis() * 4 / 5 / 1000);
    }

    long statementTimeoutMillis() {
        return Math.min(request.toMillis() * 3 / 5, socketTimeoutSeconds() * 1000L - 250);
    }

    /** A background purge's statements: the server cancels them after the job budget. */
    long jobStatementTimeoutMillis() {
        return job.toMillis();
    }

    /** ... and the socket waits a little longer, so the server's cancellation is what ends them. */
    int jobSocketTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, job.toMillis() + 5_000);
    }
}
