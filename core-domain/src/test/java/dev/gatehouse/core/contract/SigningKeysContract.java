package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.SigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link SigningKeys} implementation shows, for the instance's keys and projects'
 * keys, including the one-active-key rule of a project under concurrent writers that follow the use
 * cases' protocol (lock, read, write in one transaction). Project keys belong to stored projects (a
 * database may enforce it).
 */
public abstract class SigningKeysContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000021"));
    private static final int WRITERS = 8;

    /** An empty store; then the project store and transactions of the same backend. */
    protected abstract SigningKeys signingKeys();

    protected abstract Projects projects();

    protected abstract Transactions transactions();

    private SigningKeys keys;
    private Project web;
    private Project api;

    @BeforeEach
    void freshStores() {
        keys = signingKeys();
        web = ProjectsContract.project(ACME, "Web", null, at(0));
        api = ProjectsContract.project(ACME, "Api", null, at(0));
        projects().add(web);
        projects().add(api);
    }

    private static SigningKey key(Project p, long second, Instant retired) {
        return key(KeyOwner.project(p.id()), second, retired);
    }

    private static SigningKey key(KeyOwner owner, long second, Instant retired) {
        Instant t = at(second).truncatedTo(ChronoUnit.MICROS);
        return new SigningKey(new SigningKeyId(idAt(t)), owner, second % 2 == 0 ? SigningAlgorithm.EDDSA : SigningAlgorithm.ES256,
                new byte[]{1, 2, (byte) second}, new byte[]{9, 8, 7, (byte) second}, t, retired);
    }

    private List<SigningKey> of(Project p) {
        return keys.of(KeyOwner.project(p.id()));
    }

    private java.util.Optional<SigningKey> active(Project p) {
        return of(p).stream().filter(SigningKey::active).findFirst();
    }

    @Test
    void storesInstanceKeysFaithfullyOldestFirstApartFromProjects() {
        SigningKey newer = key(KeyOwner.instance(), 10, null);
        SigningKey older = key(KeyOwner.instance(), 0, at(100).truncatedTo(ChronoUnit.MICROS));
        SigningKey projectKey = key(web, 4, null);
        keys.add(newer);
        keys.add(older);
        keys.add(projectKey);
        assertThat(keys.of(KeyOwner.instance())).containsExactly(older, newer);
        assertThat(keys.of(KeyOwner.instance()).get(0).active()).isFalse();
        assertThat(of(web)).containsExactly(projectKey);
    }

    @Test
    void theInstanceMayHaveSeveralActiveKeysAndIdsAreUnique() {
        SigningKey one = key(KeyOwner.instance(), 0, null);
        keys.add(one);
        keys.add(key(KeyOwner.instance(), 1, null));
        assertThat(keys.of(KeyOwner.instance())).hasSize(2).allMatch(SigningKey::active);
        assertThatThrownBy(() -> keys.add(one)).isInstanceOf(RuntimeException.class);
        assertThat(keys.removeAllOf(web.id())).isZero();
        assertThat(keys.of(KeyOwner.instance())).hasSize(2);
    }

    @Test
    void storesKeysFaithfullyPerProjectOldestFirst() {
        SigningKey old = key(web, 0, at(5).truncatedTo(ChronoUnit.MICROS));
        SigningKey current = key(web, 1, null);
        SigningKey other = key(api, 2, null);
        keys.add(current);
        keys.add(old);
        keys.add(other);
        assertThat(of(web)).containsExactly(old, current);
        assertThat(active(web)).contains(current);
        assertThat(active(api)).contains(other);
        assertThat(keys.of(KeyOwner.project(ProjectsContract.project(ACME, "None", null, at(0)).id()))).isEmpty();
    }

    @Test
    void retiresAnActiveKeyOnce() {
        SigningKey k = key(web, 0, null);
        keys.add(k);
        Instant when = at(10).truncatedTo(ChronoUnit.MICROS);
        assertThat(keys.retire(k.id(), when)).isTrue();
        assertThat(keys.retire(k.id(), at(20))).isFalse();
        assertThat(active(web)).isEmpty();
        assertThat(of(web)).containsExactly(k.retired(when));
        assertThat(keys.retire(new SigningKeyId(UUID.randomUUID()), when)).isFalse();
    }

    @Test
    void refusesASecondActiveKeyOfAProject() {
        keys.add(key(web, 0, null));
        assertThatThrownBy(() -> keys.add(key(web, 1, null))).isInstanceOf(RuntimeException.class);
        keys.add(key(web, 2, at(3)));
        keys.add(key(api, 4, null));
        assertThat(of(web)).hasSize(2);
    }

    @Test
    void removesEveryKeyOfAProjectOnly() {
        keys.add(key(web, 0, at(1)));
        keys.add(key(web, 2, null));
        keys.add(key(api, 3, null));
        assertThat(keys.removeAllOf(web.id())).isEqualTo(2);
        assertThat(of(web)).isEmpty();
        assertThat(of(api)).hasSize(1);
    }

    @Test
    void concurrentFirstUsesCreateExactlyOneActiveKey() throws Exception {
        List<SigningKey> created = race(n -> {
            keys.lock(KeyOwner.project(web.id()));
            if (active(web).isEmpty()) {
                SigningKey k = key(web, 100 + n, null);
                keys.add(k);
                return k;
            }
            return null;
        });
        assertThat(created.stream().filter(k -> k != null)).hasSize(1);
        assertThat(of(web)).hasSize(1);
        assertThat(active(web)).isPresent();
    }

    @Test
    void concurrentRotationsLeaveExactlyOneActiveKey() throws Exception {
        keys.add(key(web, 0, null));
        race(n -> {
            keys.lock(KeyOwner.project(web.id()));
            active(web).ifPresent(a -> keys.retire(a.id(), at(1000 + n)));
            SigningKey k = key(web, 200 + n, null);
            keys.add(k);
            return k;
        });
        List<SigningKey> all = of(web);
        assertThat(all).hasSize(WRITERS + 1);
        assertThat(all.stream().filter(SigningKey::active)).hasSize(1);
    }

    private interface Work {
        SigningKey run(int n);
    }

    /** Runs the work in {@link #WRITERS} transactions released together; every one must succeed. */
    private List<SigningKey> race(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SigningKey>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return transactions().inTransaction(() -> work.run(n));
                }));
            }
            ready.await();
            go.countDown();
            List<SigningKey> out = new ArrayList<>();
            for (Future<SigningKey> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
