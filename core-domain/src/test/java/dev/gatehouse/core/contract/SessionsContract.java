package dev.gatehouse.core.contract;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Sessions} implementation shows. */
public abstract class SessionsContract {
    protected abstract Sessions sessions();

    /** A stored user (the store may require one). */
    protected abstract UserId user(String email);

    private Sessions store;

    @BeforeEach
    void fresh() {
        store = sessions();
    }

    private Session session(UserId user, Instant created) {
        return Session.start(new SessionId(Fixtures.idAt(created)), user, created, "203.0.113.7", "agent/1.0",
                created.plus(Duration.ofHours(12)));
    }

    @Test
    void storesEveryFieldAndListsAUsersSessionsNewestFirst() {
        UserId ada = user("ada-sessions@example.com");
        UserId bob = user("bob-sessions@example.com");
        Session first = session(ada, at(0));
        Session second = session(ada, at(10));
        store.add(first);
        store.add(second);
        store.add(session(bob, at(5)));
        assertThat(store.byId(first.id())).contains(first);
        assertThat(store.byId(new SessionId(java.util.UUID.randomUUID()))).isEmpty();
        assertThat(store.ofUser(ada, 10)).containsExactly(second, first);
        assertThat(store.ofUser(ada, 1)).containsExactly(second);
    }

    @Test
    void revokesOnceAndRecordsWhyAndWhen() {
        UserId ada = user("ada-revoke@example.com");
        Session s = session(ada, at(0));
        store.add(s);
        assertThat(store.revoke(s.id(), at(20), "logout")).isTrue();
        assertThat(store.revoke(s.id(), at(30), "revoked")).as("already revoked").isFalse();
        Session after = store.byId(s.id()).orElseThrow();
        assertThat(after.revokedAt()).isEqualTo(at(20));
        assertThat(after.revokedReason()).isEqualTo("logout");
        assertThat(after.activeAt(at(21))).isFalse();
    }

    @Test
    void revokesEveryUnrevokedSessionOfAUser() {
        UserId ada = user("ada-all@example.com");
        UserId bob = user("bob-all@example.com");
        Session a1 = session(ada, at(0));
        Session a2 = session(ada, at(1));
        Session b = session(bob, at(2));
        store.add(a1);
        store.add(a2);
        store.add(b);
        store.revoke(a1.id(), at(3), "logout");
        assertThat(store.revokeAllOf(ada, at(4), "user_deactivated")).containsExactly(a2.id());
        assertThat(store.byId(a1.id()).orElseThrow().revokedReason()).isEqualTo("logout");
        assertThat(store.byId(a2.id()).orElseThrow().revokedReason()).isEqualTo("user_deactivated");
        assertThat(store.byId(b.id()).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void touchMovesLastSeenForwardOnly() {
        Session s = session(user("ada-touch@example.com"), at(0));
        store.add(s);
        store.touch(s.id(), at(100));
        store.touch(s.id(), at(50));
        assertThat(store.byId(s.id()).orElseThrow().lastSeenAt()).isEqualTo(at(100));
    }

    @Test
    void purgesSessionsThatEndedBeforeTheCutoff() {
        UserId ada = user("ada-purge@example.com");
        Session expired = session(ada, at(0)); // expires at(0) + 12h
        Session revoked = session(ada, at(1));
        Session live = session(ada, at(2));
        store.add(expired);
        store.add(revoked);
        store.add(live);
        store.revoke(revoked.id(), at(10), "logout");
        assertThat(store.purgeEndedBefore(at(0).plus(Duration.ofHours(12)).plusSeconds(1))).isEqualTo(2);
        assertThat(store.byId(live.id())).isPresent();
        assertThat(store.byId(expired.id())).isEmpty();
    }
}
