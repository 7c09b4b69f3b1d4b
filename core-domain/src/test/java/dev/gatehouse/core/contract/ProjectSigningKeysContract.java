package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.ProjectSigningKey;
import dev.gatehouse.core.tokens.ProjectSigningKeys;
import dev.gatehouse.core.tokens.SigningAlgorithm;
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
 * The behaviour every {@link ProjectSigningKeys} implementation shows, including the one-active-key
 * rule under concurrent writers that follow the use cases' protocol (lock, read, write in one
 * transaction). Keys belong to stored projects (a database may enforce it).
 */
public abstract class ProjectSigningKeysContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000021"));
    private static final int WRITERS = 8;

    /** An empty store; then the project store and transactions of the same backend. */
    protected abstract ProjectSigningKeys projectSigningKeys();

    protected abstract Projects projects();

    protected abstract Transactions transactions();

    private ProjectSigningKeys keys;
    private Project web;
    private Project api;

    @BeforeEach
    void freshStores() {
        keys = projectSigningKeys();
        web = ProjectsContract.project(ACME, "Web", null, at(0));
        api = ProjectsContract.project(ACME, "Api", null, at(0));
        projects().add(web);
        projects().add(api);
    }

    private static ProjectSigningKey key(Project p, long second, Instant retired) {
        Instant t = at(second).truncatedTo(ChronoUnit.MICROS);
        return new ProjectSigningKey(new SigningKeyId(idAt(t)), p.id(), second % 2 == 0 ? SigningAlgorithm.EDDSA : SigningAlgorithm.ES256,
                new byte[]{1, 2, (byte) second}, new byte[]{9, 8, 7, (byte) second}, t, retired);
    }

    @Test
    void storesKeysFaithfullyPerProjectOldestFirst() {
        ProjectSigningKey old = key(web, 0, at(5).truncatedTo(ChronoUnit.MICROS));
        ProjectSigningKey current = key(web, 1, null);
        ProjectSigningKey other = key(api, 2, null);
        keys.add(current);
        keys.add(old);
        keys.add(other);
        assertThat(keys.ofProject(web.id())).containsExactly(old, current);
        assertThat(keys.active(web.id())).contains(current);
        assertThat(keys.active(api.id())).contains(other);
        assertThat(keys.ofProject(ProjectsContract.project(ACME, "None", null, at(0)).id())).isEmpty();
    }

    @Test
    void retiresAnActiveKeyOnce() {
        ProjectSigningKey k = key(web, 0, null);
        keys.add(k);
        Instant when = at(10).truncatedTo(ChronoUnit.MICROS);
        assertThat(keys.retire(k.id(), when)).isTrue();
        assertThat(keys.retire(k.id(), at(20))).isFalse();
        assertThat(keys.active(web.id())).isEmpty();
        assertThat(keys.ofProject(web.id())).containsExactly(k.retired(when));
        assertThat(keys.retire(new SigningKeyId(UUID.randomUUID()), when)).isFalse();
    }

    @Test
    void refusesASecondActiveKeyOfAProject() {
        keys.add(key(web, 0, null));
        assertThatThrownBy(() -> keys.add(key(web, 1, null))).isInstanceOf(RuntimeException.class);
        keys.add(key(web, 2, at(3)));
        keys.add(key(api, 4, null));
        assertThat(keys.ofProject(web.id())).hasSize(2);
    }

    @Test
    void removesEveryKeyOfAProjectOnly() {
        keys.add(key(web, 0, at(1)));
        keys.add(key(web, 2, null));
        keys.add(key(api, 3, null));
        assertThat(keys.removeAllOf(web.id())).isEqualTo(2);
        assertThat(keys.ofProject(web.id())).isEmpty();
        assertThat(keys.ofProject(api.id())).hasSize(1);
    }

    @Test
    void concurrentFirstUsesCreateExactlyOneActiveKey() throws Exception {
        List<ProjectSigningKey> created = race(n -> {
            keys.lock(web.id());
            if (keys.active(web.id()).isEmpty()) {
                ProjectSigningKey k = key(web, 100 + n, null);
                keys.add(k);
                return k;
            }
            return null;
        });
        assertThat(created.stream().filter(k -> k != null)).hasSize(1);
        assertThat(keys.ofProject(web.id())).hasSize(1);
        assertThat(keys.active(web.id())).isPresent();
    }

    @Test
    void concurrentRotationsLeaveExactlyOneActiveKey() throws Exception {
        keys.add(key(web, 0, null));
        race(n -> {
            keys.lock(web.id());
            keys.active(web.id()).ifPresent(a -> keys.retire(a.id(), at(1000 + n)));
            ProjectSigningKey k = key(web, 200 + n, null);
            keys.add(k);
            return k;
        });
        List<ProjectSigningKey> all = keys.ofProject(web.id());
        assertThat(all).hasSize(WRITERS + 1);
        assertThat(all.stream().filter(ProjectSigningKey::active)).hasSize(1);
    }

    private interface Work {
        ProjectSigningKey run(int n);
    }

    /** Runs the work in {@link #WRITERS} transactions released together; every one must succeed. */
    private List<ProjectSigningKey> race(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ProjectSigningKey>> futures = new ArrayList<>();
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
            List<ProjectSigningKey> out = new ArrayList<>();
            for (Future<ProjectSigningKey> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
