package dev.gatehouse.core.contract;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every {@link AuditLog} implementation shows. Each test gets an empty log. */
public abstract class AuditLogContract {

    protected abstract AuditLog auditLog();

    /** The transactions the log's writes join. */
    protected abstract dev.gatehouse.core.shared.Transactions transactions();

    private AuditLog log;
    private final OrganizationId acme = new OrganizationId(UUID.randomUUID());
    private final OrganizationId globex = new OrganizationId(UUID.randomUUID());

    @BeforeEach
    void freshLog() {
        log = auditLog();
    }

    private List<String> actions(AuditQuery q) {
        return log.find(q, null, 100).items().stream().map(AuditEvent::action).toList();
    }

    @Test
    void storesEveryFieldFaithfully() {
        AuditEvent e = event(at(0), "usr_a", "user.created", "user", "usr_b", acme, "corr-1");
        log.append(e);
        assertThat(log.byId(e.id())).contains(e);
        assertThat(log.byId(new EventId(UUID.randomUUID()))).isEmpty();
        AuditEvent stored = log.byId(e.id()).orElseThrow();
        assertThat(stored.changes()).containsEntry("count", 3).containsEntry("flag", true)
                .containsEntry("name", Map.of("before", "a", "after", "b"));
    }

    /**
     * The audit filters are checked in the core before the store is asked: a control character (NUL,
     * which PostgreSQL cannot even take as a parameter) is 422 naming the filter, alike on every store;
     * a clean filter still finds its event.
     */
    @Test
    void listingRefusesControlCharactersInFiltersAlikeOnEveryStore() {
        AuditEvent e = event(at(0), "usr_a", "user.created", "user", "usr_b", acme, "corr-1");
        log.append(e);
        dev.gatehouse.core.shared.Transactions direct = new dev.gatehouse.core.shared.Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return work.get();
            }
        };
        // a platform-wide caller: the organization store and authorizer are not consulted
        var list = dev.gatehouse.core.audit.AuditTrail.wire(log, null, null, null, direct, java.time.Clock.systemUTC(),
                dev.gatehouse.core.audit.AuditTrail.Settings.defaults()).list();
        var admin = dev.gatehouse.core.shared.Caller.system("contract");
        var found = list.handle(new dev.gatehouse.core.audit.ListAuditEvents.Command(admin,
                new AuditQuery(null, "usr_a", null, null, null, null, null), null, 10));
        assertThat(found.value().items()).extracting(AuditEvent::id).containsExactly(e.id());
        for (AuditQuery q : List.of(new AuditQuery(null, "usr_\u0000a", null, null, null, null, null),
                new AuditQuery(null, null, "user.\u0000", null, null, null, null),
                new AuditQuery(null, null, null, "usr_b\r\n", null, null, null),
                new AuditQuery(null, null, null, null, "corr\u001b", null, null))) {
            var refused = list.handle(new dev.gatehouse.core.audit.ListAuditEvents.Command(admin, q, null, 10));
            assertThat(refused.isOk()).as(q.toString()).isFalse();
            assertThat(refused.failure().reason()).isEqualTo(dev.gatehouse.core.shared.Reason.VALIDATION);
            assertThat(refused.failure().fieldErrors()).hasSize(1).containsAnyOf(
                    Map.entry("actor", List.of(dev.gatehouse.core.shared.Text.CONTROL)),
                    Map.entry("action", List.of(dev.gatehouse.core.shared.Text.CONTROL)),
                    Map.entry("resource", List.of(dev.gatehouse.core.shared.Text.CONTROL)),
                    Map.entry("correlation_id", List.of(dev.gatehouse.core.shared.Text.CONTROL)));
        }
    }

    @Test
    void writeBehindKeepsEntriesUntilFlushedThenStoresThemAsTheyWere() {
        var behind = new dev.gatehouse.core.audit.WriteBehindAuditLog(log, transactions());
        List<AuditEvent> queued = new ArrayList<>();
        for (int i = 0; i < dev.gatehouse.core.audit.WriteBehindAuditLog.BATCH - 1; i++) {
            AuditEvent e = event(at(i), "key_" + i, "api_key.token_issued", "api_key", "key_" + i, acme, null);
            queued.add(e);
            behind.appendLater(e);
        }
        assertThat(behind.pending()).isEqualTo(queued.size());
        assertThat(log.byId(queued.get(0).id())).isEmpty();
        assertThat(behind.flush()).isEqualTo(queued.size());
        assertThat(behind.pending()).isZero();
        assertThat(behind.flush()).isZero();
        for (AuditEvent e : queued) {
            assertThat(log.byId(e.id())).contains(e);
        }
    }

    @Test
    void writeBehindWritesABatchOnceItIsFull() {
        var behind = new dev.gatehouse.core.audit.WriteBehindAuditLog(log, transactions());
        int n = dev.gatehouse.core.audit.WriteBehindAuditLog.BATCH;
        List<AuditEvent> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AuditEvent e = event(at(i), "key_" + i, "api_key.token_issued", "api_key", "key_" + i, acme, null);
            queued.add(e);
            behind.appendLater(e);
        }
        assertThat(behind.pending()).isZero();
        assertThat(log.byId(queued.get(n - 1).id())).contains(queued.get(n - 1));
    }

    @Test
    void writeBehindHandsAFullBatchToItsExecutorInsteadOfWritingOnTheCaller() {
        var behind = new dev.gatehouse.core.audit.WriteBehindAuditLog(log, transactions());
        List<Runnable> handedOver = new ArrayList<>();
        behind.flushOn(handedOver::add);
        int n = dev.gatehouse.core.audit.WriteBehindAuditLog.BATCH + 10;
        List<AuditEvent> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AuditEvent e = event(at(i), "key_" + i, "api_key.token_issued", "api_key", "key_" + i, acme, null);
            queued.add(e);
            behind.appendLater(e);
        }
        assertThat(behind.pending()).isEqualTo(n);
        assertThat(log.byId(queued.get(0).id())).isEmpty();
        assertThat(handedOver).hasSize(1); // one flush on its way, not one per entry past the batch
        handedOver.get(0).run();
        assertThat(behind.pending()).isZero();
        for (AuditEvent e : queued) {
            assertThat(log.byId(e.id())).contains(e);
        }
    }

    @Test
    void writeBehindWritesOnTheCallerAtItsBoundWhenTheExecutorFallsBehind() {
        var behind = new dev.gatehouse.core.audit.WriteBehindAuditLog(log, transactions());
        List<Runnable> neverRun = new ArrayList<>();
        behind.flushOn(neverRun::add);
        int bound = dev.gatehouse.core.audit.WriteBehindAuditLog.MAX_PENDING;
        AuditEvent last = null;
        for (int i = 0; i < bound; i++) {
            last = event(at(i), "key_" + i, "api_key.token_issued", "api_key", "key_" + i, acme, null);
            behind.appendLater(last);
        }
        assertThat(behind.pending()).isZero();
        assertThat(log.byId(last.id())).contains(last);
        assertThat(neverRun).hasSize(1);
    }

    @Test
    void storesEventsWithoutOptionalFields() {
        AuditEvent bare = new AuditEvent(new EventId(Fixtures.idAt(at(1))), at(1), "system", "system:start", "signing_key.created",
                "signing_key", null, null, null, null, null, null, null, Map.of());
        log.append(bare);
        assertThat(log.byId(bare.id())).contains(bare);
    }

    @Test
    void refusesToOverwriteAnEvent() {
        AuditEvent e = event(at(0), "usr_a", "user.created", "user", "usr_b", acme, null);
        log.append(e);
        AuditEvent forged = new AuditEvent(e.id(), e.occurredAt(), "user", "usr_evil", "user.deleted", "user", "usr_b",
                acme, null, null, null, null, null, Map.of());
        assertThatThrownBy(() -> log.append(forged)).isInstanceOf(RuntimeException.class);
        assertThat(log.byId(e.id())).contains(e);
    }

    @Test
    void readsNewestFirstThroughACursor() {
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEvent e = event(at(i), "usr_a", "thing.done." + i, "thing", null, acme, null);
            log.append(e);
            written.add(e);
        }
        List<String> seen = new ArrayList<>();
        EventId after = null;
        int slices = 0;
        do {
            CursorPage<AuditEvent> page = log.find(AuditQuery.all(), after, 3);
            page.items().forEach(e -> seen.add(e.action()));
            after = page.nextCursor().map(c -> EventId.parse(c).orElseThrow()).orElse(null);
            slices++;
        } while (after != null && slices < 10);
        assertThat(slices).isEqualTo(3);
        assertThat(seen).containsExactly("thing.done.6", "thing.done.5", "thing.done.4", "thing.done.3",
                "thing.done.2", "thing.done.1", "thing.done.0");
    }

    @Test
    void aFullLastSliceHasNoCursor() {
        for (int i = 0; i < 3; i++) {
            log.append(event(at(i), "usr_a", "a." + i, "thing", null, acme, null));
        }
        assertThat(log.find(AuditQuery.all(), null, 3).nextCursor()).isEmpty();
        assertThat(log.find(AuditQuery.all(), null, 2).nextCursor()).isPresent();
    }

    @Test
    void filtersByEveryCriterion() {
        log.append(event(at(0), "usr_a", "user.created", "user", "usr_x", null, "c1"));
        log.append(event(at(10), "usr_b", "project.created", "project", "prj_1", acme, "c2"));
        log.append(event(at(20), "usr_a", "project.deleted", "project", "prj_1", acme, "c2"));
        log.append(event(at(30), "usr_b", "project.created", "project", "prj_2", globex, "c3"));

        assertThat(actions(new AuditQuery(acme, null, null, null, null, null, null)))
                .containsExactly("project.deleted", "project.created");
        assertThat(actions(new AuditQuery(null, "usr_a", null, null, null, null, null)))
                .containsExactly("project.deleted", "user.created");
        assertThat(actions(new AuditQuery(null, null, "project.created", null, null, null, null))).hasSize(2);
        assertThat(actions(new AuditQuery(null, null, "project.*", null, null, null, null))).hasSize(3);
        assertThat(actions(new AuditQuery(null, null, null, "prj_1", null, null, null)))
                .containsExactly("project.deleted", "project.created");
        assertThat(actions(new AuditQuery(null, null, null, "user", null, null, null))).containsExactly("user.created");
        assertThat(actions(new AuditQuery(null, null, null, null, "c2", null, null))).hasSize(2);
        assertThat(actions(new AuditQuery(null, null, null, null, null, at(10), at(30))))
                .containsExactly("project.deleted", "project.created");
        assertThat(actions(new AuditQuery(globex, "usr_a", null, null, null, null, null))).isEmpty();
    }

    @Test
    void cursorAndFiltersCombine() {
        for (int i = 0; i < 6; i++) {
            log.append(event(at(i), i % 2 == 0 ? "usr_a" : "usr_b", "e." + i, "thing", null, acme, null));
        }
        AuditQuery byA = new AuditQuery(null, "usr_a", null, null, null, null, null);
        CursorPage<AuditEvent> first = log.find(byA, null, 2);
        assertThat(first.items()).extracting(AuditEvent::action).containsExactly("e.4", "e.2");
        CursorPage<AuditEvent> second = log.find(byA, EventId.parse(first.nextCursor().orElseThrow()).orElseThrow(), 2);
        assertThat(second.items()).extracting(AuditEvent::action).containsExactly("e.0");
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void exportSlicesGoOldestFirstAfterTheLastSeenIdWithTheFilters() {
        for (int i = 0; i < 7; i++) {
            log.append(event(at(i), "usr_a", "e." + i, "thing", null, i == 3 ? globex : acme, null));
        }
        AuditQuery acmeOnly = new AuditQuery(acme, null, null, null, null, at(1), at(6));
        var first = log.slice(acmeOnly, null, 2);
        assertThat(first).extracting(AuditEvent::action).containsExactly("e.1", "e.2");
        var second = log.slice(acmeOnly, first.get(1).id(), 2);
        assertThat(second).extracting(AuditEvent::action).as("globex's e.3 is not acme's").containsExactly("e.4", "e.5");
        assertThat(log.slice(acmeOnly, second.get(1).id(), 2)).as("until is exclusive").isEmpty();
        assertThat(log.slice(AuditQuery.all(), null, 100)).hasSize(7);
    }

    @Test
    void purgeDeletesOnlyEntriesOlderThanTheCutoffUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            log.append(event(at(i * 10), "usr_a", "e." + i, "thing", null, acme, null));
        }
        assertThat(log.purgeBefore(at(30), 2)).isEqualTo(2);
        assertThat(log.purgeBefore(at(30), 2)).isEqualTo(1);
        assertThat(log.purgeBefore(at(30), 2)).isZero();
        assertThat(actions(AuditQuery.all())).containsExactly("e.4", "e.3");
    }
}
