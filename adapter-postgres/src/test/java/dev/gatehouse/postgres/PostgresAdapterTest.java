package dev.gatehouse.postgres;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.contract.Fixtures;
import dev.gatehouse.core.idempotency.IdempotencyRecord;
import dev.gatehouse.core.idempotency.IdempotencyRecords;
import dev.gatehouse.core.idempotency.StoredResponse;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.event;
import static dev.gatehouse.core.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the port contracts cannot see: PostgreSQL-specific behaviour of the adapter (the schema's
 * guards, claims outside the caller's transaction, aborted-transaction hazards, SQL escaping).
 */
class PostgresAdapterTest {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    private Users users;
    private AuditLog audit;
    private IdempotencyRecords idempotency;
    private Transactions tx;

    @BeforeEach
    void emptyStores() {
        BEANS.database().truncateAllTables();
        users = BEANS.bean(dev.gatehouse.core.identity.IdentityStores.class).users();
        audit = BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).auditLog();
        idempotency = BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).idempotencyRecords();
        tx = BEANS.bean(Transactions.class);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = BEANS.database().connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static IdempotencyRecord claimAt(String key, String fingerprint, Instant now) {
        return new IdempotencyRecord("usr_a", key, fingerprint, null, now, now.plus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(24)));
    }

    @Nested
    class TheAuditTrail {
        @Test
        void rejectsUpdateAndDeleteInTheDatabaseItself() {
            AuditEvent e = event(at(0), "usr_a", "user.created", "user", "usr_b", null, null);
            audit.append(e);
            assertThatThrownBy(() -> sql("UPDATE audit_events SET action = 'user.deleted'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql("DELETE FROM audit_events"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql("DELETE FROM audit_events WHERE false"))
                    .as("even a statement that matches no row").hasMessageContaining("append-only");
            assertThat(audit.byId(e.id())).contains(e);
        }

        @Test
        void ordersIdsAsUnsignedBytesLikeTheMemoryStore() {
            // Java's UUID.compareTo is signed: it would put the 0x8… and 0xf… ids before 0x1….
            UUID low = UUID.fromString("10000000-0000-7000-8000-000000000000");
            UUID mid = UUID.fromString("80000000-0000-7000-8000-000000000000");
            UUID high = UUID.fromString("f0000000-0000-7000-8000-000000000000");
            for (UUID id : List.of(mid, high, low)) {
                audit.append(new AuditEvent(new EventId(id), at(0), "system", "system:test", "x", "thing", null, null,
                        null, null, null, null, null, Map.of()));
            }
            assertThat(audit.find(AuditQuery.all(), null, 10).items()).extracting(e -> e.id().value())
                    .containsExactly(high, mid, low);
            assertThat(audit.find(AuditQuery.all(), new EventId(high), 10).items()).extracting(e -> e.id().value())
                    .containsExactly(mid, low);
        }

        @Test
        void matchesAnActionPrefixLiterally() {
            audit.append(event(at(0), "usr_a", "a_b.created", "thing", null, null, null));
            audit.append(event(at(1), "usr_a", "axb.created", "thing", null, null, null));
            audit.append(event(at(2), "usr_a", "a%.created", "thing", null, null, null));
            assertThat(audit.find(new AuditQuery(null, null, "a_b.*", null, null, null, null), null, 10).items())
                    .extracting(AuditEvent::action).containsExactly("a_b.created");
            assertThat(audit.find(new AuditQuery(null, null, "a%.*", null, null, null, null), null, 10).items())
                    .extracting(AuditEvent::action).containsExactly("a%.created");
        }

        @Test
        void keepsNestedChangesAndTimesAsJson() {
            AuditEvent e = new AuditEvent(new EventId(Fixtures.idAt(at(0))), at(0), "user", "usr_a", "thing.changed", "thing",
                    null, null, null, null, null, null, null,
                    Map.of("tags", List.of("a", "b"), "limits", Map.of("seats", 10, "ratio", 0.5), "gone", java.util.Collections.singletonMap("after", null)));
            audit.append(e);
            assertThat(audit.byId(e.id())).contains(e);
        }
    }

    @Nested
    class IdempotencyClaims {
        @Test
        void aClaimSurvivesTheRollbackOfTheRequestTransaction() {
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                assertThat(idempotency.claim(claimAt("k1", "f1", at(0)), at(0))).isEmpty();
                users.add(user("ada@example.com", "Ada", at(0)));
                throw new IllegalStateException("request failed");
            })).hasMessage("request failed");
            assertThat(users.any()).isFalse();
            assertThat(idempotency.find("usr_a", "k1")).isPresent();
        }

        @Test
        void aClaimIsVisibleToOthersBeforeTheRequestTransactionEnds() throws Exception {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Optional<IdempotencyRecord> seenByOther = tx.inTransaction(() -> {
                    idempotency.claim(claimAt("k1", "f1", at(0)), at(0));
                    try {
                        return other.submit(() -> idempotency.claim(claimAt("k1", "f1", at(1)), at(1))).get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(seenByOther).isPresent();
                assertThat(seenByOther.get().completed()).isFalse();
            } finally {
                other.shutdownNow();
            }
        }

        @Test
        void ofManyConcurrentTakeoversOfAnAbandonedClaimExactlyOneWins() throws Exception {
            idempotency.claim(claimAt("race", "crashed", at(0)), at(0));
            Instant later = at(120); // the first claim's lock has lapsed
            int n = 20;
            List<Boolean> won = Race.run(n, n, i -> () -> idempotency.claim(claimAt("race", "retry-" + i, later), later).isEmpty());
            assertThat(won).filteredOn(w -> w).hasSize(1);
            assertThat(idempotency.find("usr_a", "race").orElseThrow().fingerprint()).startsWith("retry-");
        }

        @Test
        void replaysAnEmptyBodyWithoutContentTypeByteForByte() {
            idempotency.claim(claimAt("k1", "f1", at(0)), at(0));
            idempotency.complete("usr_a", "k1", "f1", new StoredResponse(204, null, null));
            assertThat(idempotency.find("usr_a", "k1").orElseThrow().response()).isEqualTo(new StoredResponse(204, null, new byte[0]));
        }
    }

    @Nested
    class TransactionBoundaries {
        @Test
        void aTakenEmailDoesNotSpoilTheSurroundingTransaction() {
            users.add(user("ada@example.com", "Ada", at(0)));
            User bob = user("bob@example.com", "Bob", at(2));
            boolean added = tx.inTransaction(() -> {
                assertThat(users.add(user("ada@example.com", "Ada Again", at(1)))).isFalse();
                return users.add(bob); // would fail with "current transaction is aborted" after a caught error
            });
            assertThat(added).isTrue();
            assertThat(users.byId(bob.id())).isPresent();
        }

        @Test
        void aFailureReturnedByANestedCallIsTheOutermostCallsToHandle() {
            User ada = user("ada@example.com", "Ada", at(0));
            tx.inTransaction(() -> {
                Result<Object> inner = tx.inTransaction(() -> {
                    users.add(ada);
                    return Result.fail(Failure.conflict("inner gives up"));
                });
                assertThat(inner.isOk()).isFalse();
                return Result.ok("outer carries on");
            });
            assertThat(users.byId(ada.id())).isPresent();
        }

        @Test
        void readOnlyWorkCannotWrite() {
            assertThatThrownBy(() -> tx.readOnly(() -> users.add(user("ada@example.com", "Ada", at(0)))))
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> tx.readOnly(() -> tx.inTransaction(() -> "write")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(users.any()).isFalse();
        }

        @Test
        void readOnlyWorkInsideATransactionSeesItsWrites() {
            User ada = user("ada@example.com", "Ada", at(0));
            boolean seen = tx.inTransaction(() -> {
                users.add(ada);
                return tx.readOnly(() -> users.byId(ada.id()).isPresent());
            });
            assertThat(seen).isTrue();
        }
    }

    @Nested
    class UserSearch {
        @Test
        void treatsLikeWildcardsAsPlainCharacters() {
            users.add(user("ada@example.com", "Ada 100% Lovelace", at(0)));
            users.add(user("alan@example.com", "Alan Turing", at(1)));
            assertThat(users.list(new ListQuery(PageRequest.first(), null, null, null, null, "100%", null)).items())
                    .extracting(User::name).containsExactly("Ada 100% Lovelace");
            assertThat(users.list(new ListQuery(PageRequest.first(), null, null, null, null, "%", null)).total()).isEqualTo(1);
            assertThat(users.list(new ListQuery(PageRequest.first(), null, null, null, null, "_", null)).total()).isZero();
        }

        @Test
        void sortsNamesByCodePointNotByLocale() {
            users.add(user("b@example.com", "bob", at(0)));
            users.add(user("a@example.com", "Zed", at(1)));
            users.add(user("c@example.com", "Ärne", at(2)));
            assertThat(users.list(ListQuery.of(new PageRequest(1, 25,
                    List.of(new dev.gatehouse.core.shared.SortOrder("name", false))))).items())
                    .extracting(User::name).containsExactly("Zed", "bob", "Ärne"); // as String.compareTo orders them
        }

        @Test
        void anUnknownStatusMatchesNobody() {
            users.add(user("ada@example.com", "Ada", at(0)));
            assertThat(users.list(new ListQuery(PageRequest.first(), null, null, null, null, null, "ACTIVE")).total()).isEqualTo(1);
            assertThat(users.list(new ListQuery(PageRequest.first(), null, null, null, null, null, "gone")).total()).isZero();
        }
    }
}
