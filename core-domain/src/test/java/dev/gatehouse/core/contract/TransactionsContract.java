package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.event;
import static dev.gatehouse.core.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unit of work across stores: all of a transaction's writes persist, or none does. Each test
 * gets empty stores that take part in the given transactions.
 */
public abstract class TransactionsContract {

    /** Transactions, users and an audit log sharing one backing store, all empty. */
    public record Stores(Transactions tx, Users users, AuditLog audit) {
    }

    protected abstract Stores stores();

    private Stores s;

    @BeforeEach
    void freshStores() {
        s = stores();
    }

    @Test
    void commitsEveryWrite() {
        User ada = user("ada@example.com", "Ada", at(0));
        s.tx().inTransaction(() -> {
            s.users().add(ada);
            s.audit().append(event(at(0), "system", "user.created", "user", ada.id().text(), null, null));
            return null;
        });
        assertThat(s.users().byId(ada.id())).isPresent();
        assertThat(s.audit().find(AuditQuery.all(), null, 10).items()).hasSize(1);
    }

    @Test
    void anExceptionRollsBackEveryWrite() {
        User ada = user("ada@example.com", "Ada", at(0));
        assertThatThrownBy(() -> s.tx().inTransaction(() -> {
            s.users().add(ada);
            s.audit().append(event(at(0), "system", "user.created", "user", ada.id().text(), null, null));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(s.users().byId(ada.id())).isEmpty();
        assertThat(s.users().any()).isFalse();
        assertThat(s.audit().find(AuditQuery.all(), null, 10).items()).isEmpty();
    }

    @Test
    void aReturnedFailureRollsBackEveryWrite() {
        User ada = user("ada@example.com", "Ada", at(0));
        Result<Object> result = s.tx().inTransaction(() -> {
            s.users().add(ada);
            s.users().update(ada.withName("Changed", at(1)));
            return Result.fail(Failure.conflict("changed my mind"));
        });
        assertThat(result.isOk()).isFalse();
        assertThat(s.users().byId(ada.id())).isEmpty();
    }

    @Test
    void aRolledBackUpdateRestoresThePreviousState() {
        User ada = user("ada@example.com", "Ada", at(0));
        s.users().add(ada);
        assertThatThrownBy(() -> s.tx().inTransaction(() -> {
            s.users().update(ada.withName("Changed", at(1)));
            throw new IllegalStateException("boom");
        }));
        assertThat(s.users().byId(ada.id())).contains(ada);
    }

    @Test
    void nestedCallsJoinTheOuterTransaction() {
        User ada = user("ada@example.com", "Ada", at(0));
        User bob = user("bob@example.com", "Bob", at(1));
        assertThatThrownBy(() -> s.tx().inTransaction(() -> {
            s.users().add(ada);
            s.tx().inTransaction(() -> s.users().add(bob));
            throw new IllegalStateException("outer fails");
        }));
        assertThat(s.users().any()).isFalse();
    }

    @Test
    void writesInsideATransactionAreVisibleToItsOwnReads() {
        User ada = user("ada@example.com", "Ada", at(0));
        boolean seen = s.tx().inTransaction(() -> {
            s.users().add(ada);
            return s.users().byId(ada.id()).isPresent();
        });
        assertThat(seen).isTrue();
    }

    @Test
    void concurrentTransactionsOnDistinctRowsAllCommit() throws Exception {
        int n = 16;
        List<Boolean> added = Race.run(n, 8, k -> () -> s.tx().inTransaction(() -> s.users().add(user("u" + k + "@example.com",
                "U" + k, at(k)))));
        assertThat(added).containsOnly(true);
        assertThat(s.users().list(dev.gatehouse.core.shared.ListQuery.firstPage()).total()).isEqualTo(n);
    }
}
