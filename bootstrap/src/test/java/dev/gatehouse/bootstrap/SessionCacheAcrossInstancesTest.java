package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.gatehouse.bootstrap.RunningServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL database, both holding a session token in their session cache
 * (ADR 0042): a logout or a deactivation on one is refused by that one on the very next request, and
 * by the other within a second (LISTEN/NOTIFY, not the cache's 10 s expiry).
 */
class SessionCacheAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Test
    void aLogoutOnOneInstanceEndsTheSessionOnBoth() throws Exception {
        var config = TestServers.postgres(POSTGRES);
        try (var a = RunningServer.start(config); var b = RunningServer.start(config)) {
            String root = a.loginAdmin();
            var ada = a.signIn(root, "Ada");
            cachedOnBoth(a, b, ada.token());

            expect(a.http().post("/api/v1/auth/logout", "{}", ada.token()), 204);
            long ended = System.nanoTime();
            expect(a.http().get("/api/v1/me", ada.token()), 401);
            refusedWithin(b, ada.token(), ended);
        }
    }

    @Test
    void aUserDeactivatedOnOneInstanceIsRefusedByBoth() throws Exception {
        var config = TestServers.postgres(POSTGRES);
        try (var a = RunningServer.start(config); var b = RunningServer.start(config)) {
            String root = a.loginAdmin();
            var bob = a.signIn(root, "Bob");
            cachedOnBoth(a, b, bob.token());

            expect(a.http().send("DELETE", "/api/v1/users/" + bob.id(), null, root), 204);
            long deactivated = System.nanoTime();
            expect(a.http().get("/api/v1/me", bob.token()), 401);
            refusedWithin(b, bob.token(), deactivated);
            expect(b.http().get("/api/v1/me", root), 200); // another user's session is untouched
        }
    }

    private static void cachedOnBoth(RunningServer a, RunningServer b, String token) throws Exception {
        for (int i = 0; i < 2; i++) {
            expect(a.http().get("/api/v1/me", token), 200);
            expect(b.http().get("/api/v1/me", token), 200);
        }
    }

    private static void refusedWithin(RunningServer other, String token, long since) throws Exception {
        long deadline = since + WITHIN.toNanos();
        int status;
        long flipped;
        do {
            status = other.http().get("/api/v1/me", token).statusCode();
            flipped = System.nanoTime();
        } while (status != 401 && flipped < deadline);
        assertThat(status).as("the other instance refuses the token").isEqualTo(401);
        assertThat(flipped).as("within %s", WITHIN).isLessThan(deadline);
        System.out.printf("session change seen on the other instance after %d ms%n", (flipped - since) / 1_000_000);
    }
}
