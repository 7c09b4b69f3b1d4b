package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.RelationshipOutboxContract;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link RelationshipOutbox} contract against PostgreSQL, through the beans of
 * {@link PostgresStores}, plus what only the database can get wrong: claims racing inside the
 * database (a claim transaction held open), sequence order against commit order, notifications.
 */
class PostgresRelationshipOutboxTest extends RelationshipOutboxContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Override
    protected Stores stores() {
        return new Stores(BEANS.bean(Transactions.class), BEANS.fresh(RelationshipOutbox.class));
    }

    private static RelationshipOutbox outbox() {
        return BEANS.bean(RelationshipOutbox.class);
    }

    private static RelationshipChange touch(String user) {
        return new RelationshipChange.Write(List.of(RelationshipUpdate.touch(
                Relationship.of(new ObjectRef("document", "d1"), "viewer", SubjectRef.of("user", user)))));
    }

    private static long count(String query) throws SQLException {
        try (Connection c = BEANS.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (bounded) until some session waits for a lock of {@code locktype}: a condition, not a pause. */
    private static void awaitLockWaiter(String locktype) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = '" + locktype + "'") == 0) {
            assertThat(System.nanoTime()).as("a session waiting for a %s lock", locktype).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aClaimHeldOpenInTheDatabaseKeepsOtherClaimersOffItsEntries() throws Exception {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequences.add(outbox().enqueue(touch("u" + i), at(i)));
        }
        try (Connection holder = BEANS.database().connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // what a claimer does before it commits: the head rows locked
                s.executeQuery("SELECT seq FROM relationship_outbox WHERE relayed_at IS NULL ORDER BY seq LIMIT 2"
                        + " FOR UPDATE SKIP LOCKED").close();
            }
            assertThat(outbox().claimDue(at(10), 10, LEASE)).as("the head is locked: nothing may overtake it").isEmpty();
            holder.rollback();
        }
        assertThat(outbox().claimDue(at(10), 10, LEASE)).extracting(OutboxEntry::sequence)
                .containsExactlyElementsOf(sequences);
    }

    @Test
    void twoRelaysClaimingAtOnceNeverGetTheSameEntry() throws Exception {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sequences.add(outbox().enqueue(touch("u" + i), at(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Instant now = at(100).plus(LEASE.multipliedBy(round));
                Future<List<OutboxEntry>> a = pool.submit(() -> {
                    start.await();
                    return outbox().claimDue(now, 3, LEASE);
                });
                Future<List<OutboxEntry>> b = pool.submit(() -> {
                    start.await();
                    return outbox().claimDue(now, 3, LEASE);
                });
                start.countDown();
                List<OutboxEntry> first = a.get();
                List<OutboxEntry> second = b.get();
                assertThat(first.isEmpty() || second.isEmpty()).as("round %s: %s / %s", round, first, second).isTrue();
                List<OutboxEntry> winner = first.isEmpty() ? second : first;
                // the winner holds the head; the run after it may be cut short where the other locked a row
                assertThat(winner).extracting(OutboxEntry::sequence).isNotEmpty()
                        .containsExactlyElementsOf(sequences.subList(0, winner.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sequenceOrderIsCommitOrderBecauseEnqueuersWaitForEachOther() throws Exception {
        Transactions tx = BEANS.bean(Transactions.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch enqueued = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            Future<Long> slow = pool.submit(() -> tx.inTransaction(() -> {
                long seq = outbox().enqueue(touch("slow"), at(0));
                enqueued.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return seq;
            }));
            assertThat(enqueued.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Long> fast = pool.submit(() -> tx.inTransaction(() -> outbox().enqueue(touch("fast"), at(1))));
            awaitLockWaiter("advisory");
            assertThat(outbox().claimDue(at(5), 10, LEASE)).as("nothing is committed yet").isEmpty();
            commit.countDown();
            long slowSeq = slow.get(10, TimeUnit.SECONDS);
            long fastSeq = fast.get(10, TimeUnit.SECONDS);
            assertThat(fastSeq).isGreaterThan(slowSeq);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEnqueueNotifiesListenersOnlyWhenItCommits() throws Exception {
        Transactions tx = BEANS.bean(Transactions.class);
        try (Connection listener = BEANS.database().connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + JdbcRelationshipOutbox.CHANNEL);
            }
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                outbox().enqueue(touch("rolled-back"), at(0));
                throw new IllegalStateException("rollback");
            }));
            long committed = tx.inTransaction(() -> outbox().enqueue(touch("committed"), at(1)));

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly(Long.toString(committed));
        }
    }

    @Test
    void storesChangesAsReadableJson() throws Exception {
        long seq = outbox().enqueue(touch("tom"), at(0));
        outbox().markRelayed(seq, new ConsistencyToken("zed"), at(1));
        assertThat(count("SELECT count(*) FROM relationship_outbox WHERE kind = 'write' AND payload @> "
                + "'{\"updates\": [{\"operation\": \"TOUCH\", \"relationship\": \"document:d1#viewer@user:tom\"}]}'"))
                .isOne();
        assertThat(count("SELECT count(*) FROM relationship_outbox WHERE relayed_at IS NOT NULL"
                + " AND consistency_token = 'zed'")).isOne();
    }
}
