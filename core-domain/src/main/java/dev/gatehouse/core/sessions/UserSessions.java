package dev.gatehouse.core.sessions;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Role;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session use cases: start (after a login, a sign-up or an accepted invitation), check (every
 * request), end (logout), list and revoke (the user themself or a platform admin; anyone else gets
 * not-found), a user's overview (profile, sessions, organizations), and the cascade part that ends a
 * deactivated user's sessions. Wired by {@link #wire}.
 */
public final class UserSessions {
    /** The most sessions a list shows (newest first). */
    public static final int LIST_LIMIT = 100;
    /** Last-seen is written at most this often per session. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A user's role in one organization, for the overview. */
    public record OrganizationRole(OrganizationId id, String name, String slug, Role role) {
    }

    /** {@code GET /api/v1/users/{id}}: the user, their sessions and their organizations. */
    public record Overview(User user, List<Session> sessions, List<OrganizationRole> organizations) {
    }

    private final Sessions sessions;
    private final Users users;
    private final Memberships memberships;
    private final Organizations organizations;
    private final Auditor auditor;
    private final Events events;
    private final Transactions tx;
    private final Clock clock;
    private final IdGenerator ids;
    private final SessionChanges changes;
    private final SessionCache cache;

    private UserSessions(Sessions sessions, SessionChanges changes, Users users, Memberships memberships,
                         Organizations organizations, Auditor auditor, Events events, Transactions tx, Clock clock,
                         IdGenerator ids) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.cache = new SessionCache(clock);
        changes.deliverTo(cache); // other instances' changes reach this one's cache
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.auditor = auditor;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    public static UserSessions wire(SessionStores stores, Users users, Memberships memberships, Organizations organizations,
                                    Auditor auditor, Events events, Transactions tx, Clock clock, IdGenerator ids) {
        return new UserSessions(stores.sessions(), stores.changes(), users, memberships, organizations, auditor, events, tx,
                clock, ids);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Recently authenticated session tokens (ADR 0042); this instance's logout, revocation and
     * deactivation drop their entries, other instances' arrive through {@link SessionChanges#deliverTo}.
     */
    public SessionCache cache() {
        return cache;
    }

    /** Starts a session for {@code user} (already authenticated) from the caller's origin. */
    public Session start(User user, Caller caller, Duration ttl) {
        return tx.inTransaction(() -> startInside(user, caller, ttl));
    }

    /** The same, inside a transaction the caller already runs (a sign-up that creates the user). */
    public Session startInside(User user, Caller caller, Duration ttl) {
        Instant now = clock.instant();
        Session s = Session.start(new SessionId(ids.newId()), user.id(), now, caller.origin().ip(), caller.origin().userAgent(),
                now.plus(ttl));
        sessions.add(s);
        return s;
    }

    /**
     * The session of a request: present when it exists, belongs to {@code user}, is not revoked and has
     * not expired. Records the last use at most once a minute.
     */
    public Optional<Session> check(SessionId id, UserId user) {
        Instant now = clock.instant();
        Optional<Session> found = tx.readOnly(() -> sessions.byId(id)).filter(s -> s.userId().equals(user) && s.activeAt(now));
        found.ifPresent(s -> touchIfDue(s.id(), s.lastSeenAt(), now));
        return found;
    }

    /**
     * Records the session's use at {@code now} when its last recorded use ({@code lastSeen}) is at least
     * {@link #TOUCH_EVERY} old; whether it wrote.
     */
    public boolean touchIfDue(SessionId id, Instant lastSeen, Instant now) {
        if (lastSeen.plus(TOUCH_EVERY).isAfter(now)) {
            return false;
        }
        tx.inTransaction(() -> {
            sessions.touch(id, now);
            return null;
        });
        return true;
    }

    /** Logout: ends the caller's own session. */
    public Result<Session> end(Caller caller, SessionId id) {
        if (!(caller.principal() instanceof Principal.User u)) {
            return Result.fail(Failure.forbidden("Only a user session can log out; API keys are revoked instead."));
        }
        return revokeInside(caller, u.userId(), id, "logout", "session.ended");
    }

    /** Revokes one of a user's sessions: the user themself or a platform admin. */
    public Result<Session> revoke(Caller caller, UserId user, SessionId id) {
        if (!self(caller, user) && !caller.principal().platformAdmin()) {
            return Result.fail(Failure.notFound("User"));
        }
        return revokeInside(caller, user, id, "revoked", "session.revoked");
    }

    private Result<Session> revokeInside(Caller caller, UserId user, SessionId id, String reason, String action) {
        Result<Session> done = tx.inTransaction(() -> {
            var found = sessions.byId(id).filter(s -> s.userId().equals(user));
            if (found.isEmpty()) {
                return Result.<Session>fail(Failure.notFound("Session"));
            }
            Instant now = clock.instant();
            if (sessions.revoke(id, now, reason)) {
                record(caller, found.get(), reason, action);
                changed(user);
            }
            return Result.ok(sessions.byId(id).orElseThrow());
        });
        if (done.isOk()) {
            cache.invalidateUser(user); // again after the commit: a load may have read the state before it
        }
        return done;
    }

    /** Inside the changing transaction: other instances hear of it on commit, this one forgets now. */
    private void changed(UserId user) {
        changes.announce(user);
        cache.invalidateUser(user);
    }

    private void record(Caller caller, Session s, String reason, String action) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("user_id", s.userId().text());
        changes.put("reason", reason);
        auditor.record(caller, action, "session", s.id(), null, changes);
        dev.gatehouse.core.events.Event event = action.equals("session.ended")
                ? new dev.gatehouse.core.events.IdentityEvent.SessionEnded(s.userId(), s.id().text(), reason)
                : new dev.gatehouse.core.events.IdentityEvent.SessionRevoked(s.userId(), s.id().text(), reason);
        events.record(event);
    }

    /** A user's sessions, newest first: the user themself or a platform admin. */
    public Result<List<Session>> list(Caller caller, UserId user) {
        if (!self(caller, user) && !caller.principal().platformAdmin()) {
            return Result.fail(Failure.notFound("User"));
        }
        return tx.readOnly(() -> users.byId(user).<Result<List<Session>>>map(u -> Result.ok(sessions.ofUser(user, LIST_LIMIT)))
                .orElseGet(() -> Result.fail(Failure.notFound("User"))));
    }

    /** The user, their sessions and their organizations: the user themself or a platform admin. */
    public Result<Overview> overview(Caller caller, UserId user) {
        if (!self(caller, user) && !caller.principal().platformAdmin()) {
            return Result.fail(Failure.notFound("User"));
        }
        return tx.readOnly(() -> {
            var found = users.byId(user);
            if (found.isEmpty()) {
                return Result.<Overview>fail(Failure.notFound("User"));
            }
            List<OrganizationRole> orgs = new ArrayList<>();
            for (var m : memberships.ofUser(user)) {
                organizations.byId(m.organizationId()).filter(o -> !o.isDeleted())
                        .ifPresent(o -> orgs.add(new OrganizationRole(o.id(), o.name(), o.slug().value(), m.role())));
            }
            return Result.ok(new Overview(found.get(), sessions.ofUser(user, LIST_LIMIT), orgs));
        });
    }

    private static boolean self(Caller caller, UserId user) {
        return caller.principal() instanceof Principal.User u && u.userId().equals(user);
    }

    /** The lifecycle cascade's part: a deactivated user's sessions end (reason {@code user_deactivated}). */
    public Dependent cascade() {
        return new Dependent() {
            @Override
            public void end(Ending ending) {
                if (!(ending.scope() instanceof Scope.User u)) {
                    return;
                }
                for (SessionId id : sessions.revokeAllOf(u.user(), ending.at(), ending.cause().wire())) {
                    sessions.byId(id).ifPresent(s -> record(ending.caller(), s, ending.cause().wire(), "session.revoked"));
                }
                changed(u.user()); // the user is no longer active, whether or not a session was open
            }

            @Override
            public void settled(Ending ending) {
                if (ending.scope() instanceof Scope.User u) {
                    cache.invalidateUser(u.user());
                }
            }
        };
    }

    /** Forgets sessions that ended more than {@code keep} ago; how many. */
    public int purgeEnded(Duration keep) {
        return tx.inTransaction(() -> sessions.purgeEndedBefore(clock.instant().minus(keep)));
    }
}
