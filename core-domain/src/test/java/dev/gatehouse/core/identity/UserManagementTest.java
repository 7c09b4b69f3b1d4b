package dev.gatehouse.core.identity;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UserManagementTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Gatehouse g;
    private User ada;
    private User bob;
    private User root;

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
        ada = create("ada@example.com", false);
        bob = create("bob@example.com", false);
        root = create("root@example.com", true);
        clock.advance(Duration.ofMinutes(1));
    }

    private User create(String email, boolean admin) {
        return g.identity().createUser().handle(new CreateUser.Command(Caller.system("t"), email, "a-long-password", "Someone", admin)).value();
    }

    private static Caller as(User u) {
        return new Caller(new Principal.User(u.id(), u.email().value(), u.platformAdmin()), Origin.none());
    }

    private AuditEvent lastAudit() {
        return g.stores().platform().auditLog().find(AuditQuery.all(), null, 1).items().get(0);
    }

    private DomainEvent lastEvent() {
        var all = g.stores().platform().eventOutbox().after(null, 100);
        return all.get(all.size() - 1);
    }

    @Test
    void aUserRenamesThemselfWithAuditAndEvent() {
        var r = g.identity().updateUser().handle(new UpdateUser.Command(as(ada), ada.id(), "  Ada Lovelace "));
        assertThat(r.value().name()).isEqualTo("Ada Lovelace");
        assertThat(r.value().updatedAt()).isEqualTo(clock.instant());
        assertThat(g.stores().identity().users().byId(ada.id()).orElseThrow().name()).isEqualTo("Ada Lovelace");
        assertThat(lastAudit().action()).isEqualTo("user.updated");
        assertThat(lastAudit().changes()).containsOnlyKeys("name");
        assertThat(lastEvent().type()).isEqualTo("user.updated");
        assertThat(lastEvent().data()).containsEntry("user_id", ada.id().text());
    }

    @Test
    void othersCannotSeeTheUserButPlatformAdminsRenameAnyone() {
        assertThat(g.identity().updateUser().handle(new UpdateUser.Command(as(bob), ada.id(), "X")).failure().reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(g.identity().updateUser().handle(new UpdateUser.Command(as(root), ada.id(), "By Admin")).value().name())
                .isEqualTo("By Admin");
        assertThat(g.identity().updateUser().handle(new UpdateUser.Command(as(ada), ada.id(), "x".repeat(201))).failure().fieldErrors())
                .containsOnlyKeys("name");
    }

    @Test
    void anUnchangedNameRecordsNothing() {
        g.identity().updateUser().handle(new UpdateUser.Command(as(ada), ada.id(), "Someone"));
        assertThat(g.stores().platform().eventOutbox().after(null, 10)).isEmpty();
    }

    @Test
    void deactivationEndsTheUsersSessionsThroughTheCoreCascade() {
        var sessions = g.sessions().sessions();
        var session = sessions.start(ada, as(ada), Duration.ofHours(1));
        assertThat(sessions.check(session.id(), ada.id())).isPresent();

        assertThat(g.identity().deactivateUser().handle(as(root), ada.id()).isOk()).isTrue();

        assertThat(sessions.check(session.id(), ada.id())).isEmpty();
        assertThat(sessions.list(as(root), ada.id()).value()).singleElement()
                .satisfies(s -> assertThat(s.revokedReason()).isEqualTo("user_deactivated"));
    }

    @Test
    void platformAdminsDeactivateOthersButNotThemselves() {
        assertThat(g.identity().deactivateUser().handle(as(ada), bob.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(g.identity().deactivateUser().handle(as(ada), ada.id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(g.identity().deactivateUser().handle(as(root), root.id()).failure().reason()).isEqualTo(Reason.INVALID_STATE);
        var r = g.identity().deactivateUser().handle(as(root), ada.id());
        assertThat(r.value().status()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(lastAudit().action()).isEqualTo("user.deactivated");
        assertThat(lastEvent().type()).isEqualTo("user.deactivated");
        var login = g.identity().authenticateUser().handle(new AuthenticateUser.Command(
                new Caller(new Principal.Anonymous(), Origin.none()), "ada@example.com", "a-long-password"));
        assertThat(login.isOk()).isFalse();
        int events = g.stores().platform().eventOutbox().after(null, 100).size();
        assertThat(g.identity().deactivateUser().handle(as(root), ada.id()).isOk()).isTrue();
        assertThat(g.stores().platform().eventOutbox().after(null, 100)).hasSize(events);
    }
}
