package dev.gatehouse.postgres;

import dev.gatehouse.core.keys.ApiKeyCache;
import dev.gatehouse.core.keys.KeyRevocations;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link KeyRevocations} over PostgreSQL LISTEN/NOTIFY on {@link #CHANNEL}, the payload being the
 * key's hash (never logged).
 *
 * <ul>
 *   <li><b>Announce</b> runs {@code pg_notify} on the caller's transaction connection, so PostgreSQL
 *       delivers it when (and only if) the revocation commits.</li>
 *   <li><b>Delivery</b>: a daemon thread holds one pool connection that LISTENs and waits for
 *       notifications ({@code getNotifications} with a {@link #POLL} timeout), invalidating each
 *       hash in the cache. This instance's own announcements come back too; invalidating again is
 *       harmless. On any failure it reconnects with backoff, and after every (re)connect clears the
 *       whole cache, since announcements sent while it was not listening are lost.</li>
 * </ul>
 */
final class JdbcKeyRevocations implements KeyRevocations, AutoCloseable {
    static final String CHANNEL = "gatehouse_api_key_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcKeyRevocations.class);
    private static final int POLL = 500;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration AWAIT_FIRST_LISTEN = Duration.ofSeconds(5);

    private final Sql sql;
    private final DataSource pool;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread listener;

    /** {@code pool} hands out connections of their own (not the transaction-bound ones). */
    JdbcKeyRevocations(Sql sql, DataSource pool) {
        this.sql = sql;
        this.pool = pool;
    }

    @Override
    public void announce(String keyHash) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, keyHash);
                ps.execute();
            }
            return null;
        });
    }

    /** Starts the listener thread and waits (a bounded time) until it is listening. */
    @Override
    public synchronized void deliverTo(ApiKeyCache cache) {
        if (listener != null) {
            throw new IllegalStateException("already delivering to a cache");
        }
        CountDownLatch listening = new CountDownLatch(1);
        listener = new Thread(() -> listen(cache, listening), "gatehouse-key-revocations");
        listener.setDaemon(true);
        listener.start();
        try {
            if (!listening.await(AWAIT_FIRST_LISTEN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Not yet listening for API key revocations; retrying in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen(ApiKeyCache cache, CountDownLatch listening) {
        Duration backoff = FIRST_BACKOFF;
        while (stopped.getCount() > 0) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                cache.clear(); // whatever was announced while not listening is lost
                listening.countDown();
                backoff = FIRST_BACKOFF;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (stopped.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(POLL);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            cache.invalidate(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped.getCount() == 0) {
                    return;
                }
                LOG.warn("Listening for API key revocations failed ({}); reconnecting in {} ms", e.toString(), backoff.toMillis());
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

    /** Stops the listener (within one poll) and returns its connection to the pool. */
    @Override
    public void close() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = listener;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
