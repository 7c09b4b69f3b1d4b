package dev.gatehouse.core.identity;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Gatehouse g;
    private final Caller admin = new Caller(new Principal.System("test"),
            new Origin("198.51.100.4", "junit", "req-1", null, "idem-1"));

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
    }

    private User create(String email, String password) {
        return g.identity().createUser().handle(new CreateUser.Command(admin, email, password, "Someone", false)).value();
    }

    private AuthenticateUser.Command login(String email, String password) {
        return new AuthenticateUser.Command(new Caller(new Principal.Anonymous(), new Origin("192.0.2.1", "ua", "r", null, null)),
                email, password);
    }

    @Nested
    class Creating {
        @Test
        void normalizesEmailAndAuditsWithTheCallersOrigin() {
            User u = create("  Ada@Example.COM ", "correct horse battery");
            assertThat(u.email().value()).isEqualTo("ada@example.com");
            assertThat(u.passwordHash()).doesNotContain("correct horse");
            AuditEvent e = g.stores().platform().auditLog().find(AuditQuery.all(), null, 10).items().get(0);
            assertThat(e.action()).isEqualTo("user.created");
            assertThat(e.resourceId()).isEqualTo(u.id().text());
            assertThat(e.ip()).isEqualTo("198.51.100.4");
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.correlationId()).isEqualTo("req-1");
            assertThat(e.idempotencyKey()).isEqualTo("idem-1");
            assertThat(e.changes()).containsEntry("email", "ada@example.com").doesNotContainKey("password");
        }

        @Test
        void namesEveryInvalidField() {
            var r = g.identity().createUser().handle(new CreateUser.Command(admin, "not-an-email", "short", "x".repeat(201), false));
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).containsOnlyKeys("email", "password", "name");
        }

        @Test
        void refusesDuplicateEmailsWithoutAuditing() {
            create("ada@example.com", "correct horse battery");
            var r = g.identity().createUser().handle(new CreateUser.Command(admin, "ADA@example.com", "another long one", "Ada 2", false));
            assertThat(r.failure().reason()).isEqualTo(Reason.CONFLICT);
            assertThat(g.stores().platform().auditLog().find(AuditQuery.all(), null, 10).items()).hasSize(1);
        }

        @Test
        void onlyPlatformAdminsCreateUsers() {
            User u = create("ada@example.com", "correct horse battery");
            Caller plain = new Caller(new Principal.User(u.id(), "ada@example.com", false), Origin.none());
            var r = g.identity().createUser().handle(new CreateUser.Command(plain, "bob@example.com", "correct horse battery", "Bob", false));
            assertThat(r.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        }
    }

    @Nested
    class LoggingIn {
        @Test
        void acceptsTheRightPasswordOnly() {
            User u = create("ada@example.com", "correct horse battery");
            assertThat(g.identity().authenticateUser().handle(login("ADA@example.com", "correct horse battery")).value().id()).isEqualTo(u.id());
            assertThat(g.identity().authenticateUser().handle(login("ada@example.com", "wrong password!")).failure().reason())
                    .isEqualTo(Reason.UNAUTHENTICATED);
        }

        @Test
        void unknownEmailAndWrongPasswordLookAlike() {
            create("ada@example.com", "correct horse battery");
            var unknown = g.identity().authenticateUser().handle(login("nobody@example.com", "correct horse battery")).failure();
            var wrong = g.identity().authenticateUser().handle(login("ada@example.com", "nope nope nope")).failure();
            assertThat(unknown).isEqualTo(wrong);
        }

        @Test
        void deactivatedUsersCannotLogIn() {
            User u = create("ada@example.com", "correct horse battery");
            g.stores().identity().users().update(u.deactivated(clock.instant()));
            assertThat(g.identity().authenticateUser().handle(login("ada@example.com", "correct horse battery")).failure().reason())
                    .isEqualTo(Reason.UNAUTHENTICATED);
        }

        @Test
        void throttlesRepeatedFailuresThenRecovers() {
            create("ada@example.com", "correct horse battery");
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                assertThat(g.identity().authenticateUser().handle(login("ada@example.com", "wrong " + i + " xxxxx")).failure().reason())
                        .isEqualTo(Reason.UNAUTHENTICATED);
            }
            var throttled = g.identity().authenticateUser().handle(login("ada@example.com", "correct horse battery")).failure();
            assertThat(throttled.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(throttled.details()).containsKey("retry_after");
            clock.advance(Duration.ofSeconds(2));
            assertThat(g.identity().authenticateUser().handle(login("ada@example.com", "correct horse battery")).isOk()).isTrue();
        }

        @Test
        void rehashesWhenTheHasherMovedOn() {
            create("ada@example.com", "correct horse battery");
            var upgraded = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher("v2"))
                    .transactions(g.platform().transactions()).stores(g.stores()).build();
            User after = upgraded.identity().authenticateUser().handle(login("ada@example.com", "correct horse battery")).value();
            assertThat(after.passwordHash()).startsWith("$fast-v2$");
            assertThat(g.stores().identity().users().byId(after.id()).orElseThrow().passwordHash()).startsWith("$fast-v2$");
        }
    }

    @Nested
    class InitialAdmin {
        @Test
        void createsTheConfiguredAdminOnceOnly() {
            var first = g.identity().ensureInitialAdmin().handle("root@example.com", "a configured password").value();
            assertThat(first).isPresent();
            assertThat(first.get().admin().platformAdmin()).isTrue();
            assertThat(first.get().generatedPassword()).isEmpty();
            assertThat(g.identity().ensureInitialAdmin().handle("root@example.com", "a configured password").value()).isEmpty();
        }

        @Test
        void generatesAPasswordThatWorks() {
            var created = g.identity().ensureInitialAdmin().handle("root@example.com", null).value().orElseThrow();
            String pw = created.generatedPassword().orElseThrow();
            assertThat(pw).hasSize(24);
            assertThat(g.identity().authenticateUser().handle(login("root@example.com", pw)).isOk()).isTrue();
        }
    }

    @Test
    void pbkdf2HasherVerifiesItsOwnHashesOnly() {
        var h = new Pbkdf2PasswordHasher(1000);
        String hash = h.hash("correct horse".toCharArray());
        assertThat(hash).startsWith("$pbkdf2-sha512$i=1000$");
        assertThat(h.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(h.verify("correct horsf".toCharArray(), hash)).isFalse();
        assertThat(h.verify("x".toCharArray(), "$pbkdf2-sha512$garbage")).isFalse();
        assertThat(h.needsRehash(hash)).isFalse();
        assertThat(new Pbkdf2PasswordHasher(2000).needsRehash(hash)).isTrue();
    }
}
