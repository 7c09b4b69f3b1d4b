package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.RelationshipChanges;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RelationshipChanges} feed on PostgreSQL (ADR 0036). {@link JdbcRelationships} announces
 * every change with {@code pg_notify} on {@link #CHANNEL} in the writing transaction (so it is heard
 * when, and only if, it commits, in commit order) and hands this process's own changes over right
 * after their commit ({@link JdbcRelationships.Announcer}), so a caller reads its own writes at once.
 * A listening connection of the pool ({@link PgListener}) hears the others'. A freshness mark is a
 * notification {@code "m <instance> <id>"} sent on a pool connection of its own (a daemon thread) and
 * heard back: PostgreSQL delivers notifications in commit order, so every change committed before the
 * mark was sent has been heard when it comes back.
 */
final class PgRelationshipChanges implements RelationshipChanges, JdbcRelationships.Announcer {
    static final String CHANNEL = "gatehouse_relationships";
    private static final Logger LOG = LoggerFactory.getLogger(PgRelationshipChanges.class);
    private static final String MARK = "m ";
    private static final Duration AWAIT_FIRST_LISTEN = Duration.ofSeconds(5);

    private final DataSource pool;
    private final TransactionOperations<Connection> transactions;
    private final String instance = UUID.randomUUID().toString();
    private final LinkedBlockingQueue<Long> marks = new LinkedBlockingQueue<>();
    /** Chunks heard so far of multi-chunk announcements, by revision (the listener thread's only). */
    private final Map<Long, Integer> partial = new HashMap<>();
    private volatile Listener listener;
    private PgListener pgListener;
    private Thread marker;
    private volatile boolean closed;

    /** {@code pool} hands out connections of their own (not the transaction-bound ones). */
    PgRelationshipChanges(DataSource pool, TransactionOperations<Connection> transactions) {
        this.pool = pool;
        this.transactions = transactions;
    }

    @Override
    public synchronized void start(Listener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already delivering to a listener");
        }
        this.listener = listener;
        marker = new Thread(this::sendMarks, "gatehouse-relationship-marks");
        marker.setDaemon(true);
        marker.start();
        pgListener = new PgListener(pool, CHANNEL, "relationship-index", () -> {
            partial.clear();
            listener.reset();
        }, this::heard);
        if (!pgListener.awaitListening(AWAIT_FIRST_LISTEN)) {
            LOG.warn("Not yet listening for relationship changes; the index answers nothing until it is");
        }
    }

    @Override
    public void mark(long id) {
        marks.offer(id);
    }

    @Override
    public boolean inTransaction() {
        return transactions.findTransactionStatus().isPresent();
    }

    @Override
    public void afterCommit(long revision, Collection<String> objects, boolean everything) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        var status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            l.changed(revision, objects, everything);
            return;
        }
        List<String> named = List.copyOf(objects);
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                l.changed(revision, named, everything);
            }
        });
    }

    /** One notification: a mark of this instance, or a chunk of {@code "<revision> <chunks> <type:id> …"}. */
    private void heard(String payload) {
        Listener l = listener;
        if (payload.startsWith(MARK)) {
            String[] parts = payload.split(" ");
            if (parts.length == 3 && parts[1].equals(instance)) {
                l.marked(Long.parseLong(parts[2]));
            }
            return;
        }
        String[] parts = payload.split(" ");
        if (parts.length < 2) {
            LOG.warn("Ignoring a malformed relationship change announcement");
            return;
        }
        long revision;
        int chunks;
        try {
            revision = Long.parseLong(parts[0]);
            chunks = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            // not ours: an operator's "NOTIFY gatehouse_relationships, '*'" (after changing the table by
            // hand, or restarting its revisions) drops everything the index holds and remembers
            partial.clear();
            l.reset();
            return;
        }
        List<String> objects = Arrays.asList(parts).subList(2, parts.length);
        boolean everything = objects.contains("*");
        int heard = chunks <= 1 ? 1 : partial.merge(revision, 1, Integer::sum);
        if (heard >= chunks) {
            partial.remove(revision);
            l.changed(revision, objects, everything);
        } else {
            // an earlier chunk: drop its objects now, count the revision as heard with the last one
            l.changed(-1, objects, everything);
        }
    }

    private void sendMarks() {
        while (!closed) {
            Long id;
            try {
                id = marks.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (id == null) {
                continue;
            }
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                c.setAutoCommit(true);
                ps.setString(1, CHANNEL);
                ps.setString(2, MARK + instance + " " + id);
                ps.execute();
            } catch (SQLException | RuntimeException e) {
                // no mark comes back: the index reads the database until one does
                LOG.warn("Could not send a relationship index freshness mark ({})", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        PgListener l;
        Thread m;
        synchronized (this) {
            l = pgListener;
            m = marker;
        }
        if (l != null) {
            l.close();
        }
        if (m != null) {
            m.interrupt();
        }
    }
}
