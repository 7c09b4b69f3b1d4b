package dev.gatehouse.core.tokens;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.Stores;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.SessionCache;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session authentication with its cache (ADR 0042) on the memory store: a token that passed answers
 * without reading the user again, and logout, a revoked session, a deactivated user and expiry take
 * effect on the very next request. (The PostgreSQL side, including another instance, is
 * {@code SessionCacheAcrossInstancesTest} in bootstrap.)
 */
class AuthenticateSessionTokenTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final AtomicInteger userReads = new AtomicInteger();
    private Gatehouse g;
    private AuthenticateSessionToken authenticate;
    private User ada;
    private User root;

    /** The memory users, counting reads by id (what authenticating a session reads). */
    private Users counting(Users users) {
        return new Users() {
            @Override
            public Optional<User> byId(UserId id) {
                userReads.incrementAndGet();
                return users.byId(id);
            }

            @Override
            public Optional<User> byEmail(Email email) {
                return users.byEmail(email);
            }

            @Override
            public boolean add(User user) {
                return users.add(user);
            }

            @Override
            public void update(User user) {
                users.update(user);
            }

            @Override
            public boolean any() {
                return users.any();
            }

            @Override
            public Page<User> list(ListQuery query) {
                return users.list(query);
            }
        };
    }

    @BeforeEach
    void setUp() {
        Stores memory = Stores.inMemory(tx, clock);
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).transactions(tx)
                .stores(memory.withIdentity(new IdentityStores(counting(memory.identity().users())))).build();
        authenticate = new AuthenticateSessionToken(g.tokens().verifySessionToken(), g.sessions().sessions(),
                g.identity().authenticateSession());
        ada = create("ada@example.com", false);
        root = create("root@example.com", true);
    }

    private User create(String email, boolean admin) {
        return g.identity().createUser().handle(new CreateUser.Command(Caller.system("t"), email, "a-long-password", "Someone", admin))
                .value();
    }

    private static Caller as(User u) {
        return new Caller(new Principal.User(u.id(), u.email().value(), u.platformAdmin()), Origin.none());
    }

    private Session start(User u, Duration ttl) {
        return g.sessions().sessions().start(u, as(u), ttl);
    }

    private String token(Session s) {
        return g.tokens().issueSessionToken().handle(s).token();
    }

    @Test
    void aTokenThatPassedIsAnsweredWithoutReadingTheUserAgain() {
        String token = token(start(ada, Duration.ofHours(1)));
        assertThat(authenticate.handle(token)).contains(new Principal.User(ada.id(), "ada@example.com", false));
        int reads = userReads.get();
        for (int i = 0; i < 5; i++) {
            assertThat(authenticate.handle(token)).contains(new Principal.User(ada.id(), "ada@example.com", false));
        }
        assertThat(userReads.get()).as("answered from the cache").isEqualTo(reads);
        clock.advance(SessionCache.TTL);
        assertThat(authenticate.handle(token)).isPresent();
        assertThat(userReads.get()).as("read again after the TTL").isEqualTo(reads + 1);
    }

    @Test
    void logoutEndsTheTokenOnTheNextRequest() {
        Session s = start(ada, Duration.ofHours(1));
        String token = token(s);
        String other = token(start(ada, Duration.ofHours(1)));
        assertThat(authenticate.handle(token)).isPresent();
        assertThat(authenticate.handle(other)).isPresent();

        assertThat(g.sessions().sessions().end(as(ada), s.id()).isOk()).isTrue();

        assertThat(authenticate.handle(token)).isEmpty();
        assertThat(authenticate.handle(other)).as("the user's other session stays").isPresent();
    }

    @Test
    void aRevokedSessionEndsOnTheNextRequest() {
        Session s = start(ada, Duration.ofHours(1));
        String token = token(s);
        assertThat(authenticate.handle(token)).isPresent();

        assertThat(g.sessions().sessions().revoke(as(root), ada.id(), s.id()).isOk()).isTrue();

        assertThat(authenticate.handle(token)).isEmpty();
    }

    @Test
    void aDeactivatedUserIsRefusedOnTheNextRequest() {
        String token = token(start(ada, Duration.ofHours(1)));
        String roots = token(start(root, Duration.ofHours(1)));
        assertThat(authenticate.handle(token)).isPresent();
        assertThat(authenticate.handle(roots)).isPresent();

        assertThat(g.identity().deactivateUser().handle(as(root), ada.id()).isOk()).isTrue();

        assertThat(authenticate.handle(token)).isEmpty();
        assertThat(authenticate.handle(roots)).as("another user's entry stays").isPresent();
    }

    @Test
    void anEntryNeverOutlivesItsSession() {
        String token = token(start(ada, Duration.ofSeconds(5)));
        assertThat(authenticate.handle(token)).isPresent();
        clock.advance(Duration.ofSeconds(5));
        assertThat(authenticate.handle(token)).isEmpty();
    }

    @Test
    void aLoadUnderWayWhenAnInvalidationHappensIsNotKept() {
        SessionCache cache = new SessionCache(clock);
        var entry = new SessionCache.Entry(new Principal.User(ada.id(), "ada@example.com", false),
                start(ada, Duration.ofHours(1)).id(), clock.instant().plus(Duration.ofHours(1)), clock.instant());
        var loaded = cache.load("t", clock.instant().plus(Duration.ofHours(1)), () -> {
            cache.invalidateUser(ada.id()); // a logout committing while the load read the old state
            return Optional.of(entry);
        });
        assertThat(loaded).isPresent();
        assertThat(cache.get("t")).isEmpty();
        cache.load("t", clock.instant().plus(Duration.ofHours(1)), () -> Optional.of(entry));
        assertThat(cache.get("t")).isPresent();
        cache.clear();
        assertThat(cache.get("t")).isEmpty();
    }

    @Test
    void theLastUseIsStillRecordedOnceAMinuteWhenAnsweredFromTheCache() {
        Session s = start(ada, Duration.ofHours(1));
        String token = token(s);
        clock.advance(Duration.ofSeconds(55));
        assertThat(authenticate.handle(token)).isPresent(); // loaded: last use 55 s ago, not yet written again
        int reads = userReads.get();
        clock.advance(Duration.ofSeconds(6));
        assertThat(authenticate.handle(token)).isPresent();
        assertThat(userReads.get()).as("answered from the cache").isEqualTo(reads);
        Instant seen = clock.instant();
        assertThat(g.sessions().sessions().list(as(ada), ada.id()).value())
                .filteredOn(x -> x.id().equals(s.id())).singleElement()
                .satisfies(x -> assertThat(x.lastSeenAt()).isEqualTo(seen));
    }
}
