package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.mail.MailId;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.MailStatus;
import dev.gatehouse.core.mail.QueuedMail;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link MailOutbox} implementation shows. */
public abstract class MailOutboxContract {
    protected abstract MailOutbox outbox();

    protected abstract Transactions transactions();

    private MailOutbox store;

    @BeforeEach
    void fresh() {
        store = outbox();
    }

    private static QueuedMail mail(long second, String to) {
        return QueuedMail.pending(new MailId(Fixtures.idAt(at(second))), "invitation", to,
                ("sealed-" + second).getBytes(StandardCharsets.UTF_8), at(second));
    }

    @Test
    void storesEveryFieldAndRecordsOutcomes() {
        QueuedMail m = mail(0, "ada@example.com");
        store.enqueue(m);
        assertThat(store.byId(m.id())).contains(m);
        assertThat(store.openCount()).isEqualTo(1);

        QueuedMail claimed = store.claimDue(at(1), at(121), 10).get(0);
        assertThat(claimed.leaseUntil()).isEqualTo(at(121));
        QueuedMail failed = claimed.failedAttempt(at(2), "connection refused", at(32));
        store.record(failed);
        assertThat(store.byId(m.id())).contains(failed);
        assertThat(failed.status()).isEqualTo(MailStatus.RETRYING);
        assertThat(failed.leaseUntil()).isNull();

        QueuedMail again = store.claimDue(at(32), at(152), 10).get(0);
        QueuedMail sent = again.sent(at(33), "smtp");
        store.record(sent);
        QueuedMail stored = store.byId(m.id()).orElseThrow();
        assertThat(stored).isEqualTo(sent);
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.sentAt()).isEqualTo(at(33));
        assertThat(stored.via()).isEqualTo("smtp");
        assertThat(store.openCount()).isZero();
    }

    @Test
    void claimsOnlyDueUnleasedOpenMailOldestDueFirst() {
        QueuedMail early = mail(0, "a@example.com");
        QueuedMail later = mail(10, "b@example.com");
        QueuedMail future = mail(100, "c@example.com");
        store.enqueue(later);
        store.enqueue(early);
        store.enqueue(future);
        List<QueuedMail> claimed = store.claimDue(at(20), at(80), 10);
        assertThat(claimed).extracting(QueuedMail::id).containsExactly(early.id(), later.id());
        assertThat(store.claimDue(at(30), at(90), 10)).as("leased until 80").isEmpty();
        store.record(claimed.get(0).sent(at(31), "smtp"));
        List<QueuedMail> back = store.claimDue(at(81), at(141), 10);
        assertThat(back).as("the lease ran out: a crashed dispatcher's mail comes back")
                .extracting(QueuedMail::id).containsExactly(later.id());
        store.record(back.get(0).sent(at(82), "smtp"));
        assertThat(store.claimDue(at(200), at(260), 1)).extracting(QueuedMail::id).containsExactly(future.id());
    }

    @Test
    void failedAndSentMailIsNeverClaimed() {
        QueuedMail a = mail(0, "a@example.com");
        QueuedMail b = mail(1, "b@example.com");
        store.enqueue(a);
        store.enqueue(b);
        var claimed = store.claimDue(at(2), at(3), 10);
        store.record(claimed.get(0).failedAttempt(at(2), "refused for good", null));
        store.record(claimed.get(1).sent(at(2), "log"));
        assertThat(store.byId(a.id()).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
        assertThat(store.claimDue(at(1000), at(1100), 10)).isEmpty();
    }

    @Test
    void enqueueJoinsTheCallersTransaction() {
        QueuedMail m = mail(0, "rolled@example.com");
        try {
            transactions().inTransaction(() -> {
                store.enqueue(m);
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(store.byId(m.id())).isEmpty();
    }

    @Test
    void concurrentClaimsNeverReturnTheSameMail() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.enqueue(mail(i, "m" + i + "@example.com"));
        }
        Set<MailId> seen = ConcurrentHashMap.newKeySet();
        List<MailId> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        Race.run(4, 4, t -> () -> {
            for (int round = 0; round < 10; round++) {
                for (QueuedMail m : store.claimDue(at(100), at(500), 3)) {
                    seen.add(m.id());
                    all.add(m.id());
                }
            }
            return null;
        });
        assertThat(all).hasSize(40);
        assertThat(new HashSet<>(all)).hasSize(40);
        assertThat(seen).hasSize(40);
    }

    @Test
    void listsNewestFirstWithFiltersAndACursor() {
        for (int i = 0; i < 5; i++) {
            store.enqueue(mail(i, i % 2 == 0 ? "even@example.com" : "odd@example.com"));
        }
        var claimed = store.claimDue(at(10), at(20), 1);
        store.record(claimed.get(0).sent(at(11), "smtp"));
        var first = store.list(MailQuery.all(), null, 2);
        assertThat(first.items()).extracting(m -> m.createdAt()).containsExactly(at(4), at(3));
        assertThat(first.nextCursor()).contains(first.items().get(1).id().text());
        var second = store.list(MailQuery.all(), first.items().get(1).id(), 2);
        assertThat(second.items()).extracting(m -> m.createdAt()).containsExactly(at(2), at(1));
        var last = store.list(MailQuery.all(), second.items().get(1).id(), 2);
        assertThat(last.items()).extracting(m -> m.createdAt()).containsExactly(at(0));
        assertThat(last.nextCursor()).isEmpty();

        assertThat(store.list(new MailQuery(null, "EVEN@example.com", null), null, 10).items())
                .extracting(m -> m.createdAt()).containsExactly(at(4), at(2), at(0));
        assertThat(store.list(new MailQuery(MailStatus.SENT, null, null), null, 10).items())
                .extracting(m -> m.createdAt()).containsExactly(at(0));
        assertThat(store.list(new MailQuery(MailStatus.PENDING, "odd@example.com", "invitation"), null, 10).items()).hasSize(2);
        assertThat(store.list(new MailQuery(null, null, "email_verification"), null, 10).items()).isEmpty();
    }

    @Test
    void purgesOnlyMailThatEndedBeforeTheCutoffOldestFirst() {
        QueuedMail sentEarly = mail(0, "a@example.com");
        QueuedMail failedEarly = mail(1, "b@example.com");
        QueuedMail sentLate = mail(2, "c@example.com");
        QueuedMail open = mail(3, "d@example.com");
        for (QueuedMail m : List.of(sentEarly, failedEarly, sentLate, open)) {
            store.enqueue(m);
        }
        var claimed = store.claimDue(at(10), at(20), 3);
        store.record(claimed.get(0).sent(at(11), "smtp"));
        store.record(claimed.get(1).failedAttempt(at(12), "refused for good", null));
        store.record(claimed.get(2).sent(at(500), "smtp"));
        assertThat(store.purgeEndedBefore(at(400), 1)).isEqualTo(1);
        assertThat(store.byId(sentEarly.id())).as("the oldest ended first").isEmpty();
        assertThat(store.purgeEndedBefore(at(400), 10)).isEqualTo(1);
        assertThat(store.byId(failedEarly.id())).isEmpty();
        assertThat(store.byId(sentLate.id())).as("ended after the cutoff").isPresent();
        assertThat(store.purgeEndedBefore(at(10_000), 10)).isEqualTo(1);
        assertThat(store.byId(open.id())).as("open mail is never purged").isPresent();
        assertThat(store.openCount()).isEqualTo(1);
    }
}
