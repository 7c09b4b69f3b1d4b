package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.signup.EmailVerification;
import dev.gatehouse.core.signup.EmailVerifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link EmailVerifications} implementation shows. Each test gets an empty store. */
public abstract class EmailVerificationsContract {
    protected abstract EmailVerifications verifications();

    /** A stored user the links may belong to. */
    protected abstract UserId user(String email);

    private EmailVerifications store;

    @BeforeEach
    void fresh() {
        store = verifications();
    }

    private EmailVerification link(String hash, UserId user, long created, long expires) {
        return new EmailVerification(hash, user, "Ada", "$test$hash", at(created), at(expires), null);
    }

    @Test
    void storesEveryFieldAndFindsByTokenHash() {
        UserId ada = user("ada@example.com");
        EmailVerification v = link("a".repeat(64), ada, 0, 3600);
        store.add(v);
        assertThat(store.byTokenHash("a".repeat(64))).contains(v);
        assertThat(store.byTokenHash("b".repeat(64))).isEmpty();
    }

    @Test
    void aLinkIsMarkedUsedOnceEvenWhenCallersRace() throws Exception {
        UserId ada = user("ada@example.com");
        store.add(link("c".repeat(64), ada, 0, 3600));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return store.markUsed("c".repeat(64), at(10));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : runs) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.byTokenHash("c".repeat(64)).orElseThrow().usedAt()).isEqualTo(at(10));
        assertThat(store.markUsed("c".repeat(64), at(20))).isFalse();
        assertThat(store.markUsed("d".repeat(64), at(20))).as("unknown").isFalse();
    }

    @Test
    void purgesLinksThatExpiredBeforeTheCutoffUsedOrNot() {
        UserId ada = user("ada@example.com");
        store.add(link("1".repeat(64), ada, 0, 100));
        store.add(link("2".repeat(64), ada, 0, 200));
        store.add(link("3".repeat(64), ada, 0, 300));
        store.markUsed("1".repeat(64), at(50));
        assertThat(store.purgeExpiredBefore(at(250))).isEqualTo(2);
        assertThat(store.byTokenHash("1".repeat(64))).isEmpty();
        assertThat(store.byTokenHash("2".repeat(64))).isEmpty();
        assertThat(store.byTokenHash("3".repeat(64))).isPresent();
    }
}
