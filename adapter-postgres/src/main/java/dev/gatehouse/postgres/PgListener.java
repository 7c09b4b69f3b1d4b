package dev.gatehouse.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A daemon thread that LISTENs on one channel over a pool connection of its own: after every
 * (re)connect it runs {@code onListening} (announcements sent while it was not listening are lost),
 * then hands each notification's payload to {@code onNotification}; a failed connection is retried
 * with backoff (200 ms doubling to 10 s). {@link #close()} stops it within one poll.
 */
final class PgListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DataSource pool;
    private final String channel;
    private final String what;
    private final Runnable onListening;
    private final Consumer<String> onNotification;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread thread;

    /** @param what for the thread's name and log lines, e.g. "key-revocations" */
    PgListener(DataSource pool, String channel, String what, Runnable onListening, Consumer<String> onNotification) {
        this.pool = pool;
        this.channel = channel;
        this.what = what;
        this.onListening = onListening;
        this.onNotification = onNotification;
        this.thread = new Thread(this::listen, "gatehouse-" + what);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a listener and waits up to {@code wait} until it listens, logging a warning (it keeps
     * trying in the background) when it does not yet.
     */
    static PgListener started(DataSource pool, String channel, String what, Runnable onListening,
                              Consumer<String> onNotification, Duration wait) {
        PgListener l = new PgListener(pool, channel, what, onListening, onNotification);
        if (!l.awaitListening(wait)) {
            LOG.warn("Not yet listening on {} ({}); retrying in the background", channel, what);
        }
        return l;
    }

    /** Whether it is listening within {@code wait} (it keeps trying in the background either way). */
    boolean awaitListening(Duration wait) {
        try {
            return listening.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        while (stopped.getCount() > 0) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                onListening.run();
                listening.countDown();
                backoff = FIRST_BACKOFF;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (stopped.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            onNotification.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped.getCount() == 0) {
                    return;
                }
                LOG.warn("Listening on {} ({}) failed ({}); reconnecting in {} ms", channel, what, e.toString(), backoff.toMillis());
                try {
                    if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Stops the thread (within one poll) and returns its connection to the pool. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
