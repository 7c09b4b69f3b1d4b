package dev.gatehouse.core.memory;

import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.SessionId;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in memory. */
public final class MemorySessions implements Sessions {
    private final MemoryTransactions tx;
    private final Map<SessionId, Session> byId = new ConcurrentHashMap<>();

    public MemorySessions(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Session s) {
        tx.write(() -> {
            if (byId.putIfAbsent(s.id(), s) != null) {
                throw new IllegalStateException("session " + s.id() + " exists");
            }
        }, () -> byId.remove(s.id(), s));
    }

    @Override
    public Optional<Session> byId(SessionId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<Session> ofUser(UserId user, int limit) {
        return tx.read(() -> byId.values().stream().filter(s -> s.userId().equals(user))
                .sorted(Comparator.comparing(Session::createdAt).reversed()
                        .thenComparing(s -> s.id().value(), MemorySort.UUID_ORDER.reversed()))
                .limit(limit).toList());
    }

    private void replace(Session before, Session after) {
        tx.write(() -> byId.replace(before.id(), before, after), () -> byId.replace(after.id(), after, before));
    }

    @Override
    public boolean revoke(SessionId id, Instant at, String reason) {
        Session s = tx.read(() -> byId.get(id));
        if (s == null || s.revokedAt() != null) {
            return false;
        }
        replace(s, new Session(s.id(), s.userId(), s.createdAt(), s.lastSeenAt(), s.ip(), s.userAgent(), s.expiresAt(), at, reason));
        return true;
    }

    @Override
    public List<SessionId> revokeAllOf(UserId user, Instant at, String reason) {
        List<SessionId> out = new ArrayList<>();
        for (Session s : tx.read(() -> List.copyOf(byId.values()))) {
            if (s.userId().equals(user) && revoke(s.id(), at, reason)) {
                out.add(s.id());
            }
        }
        return out;
    }

    @Override
    public void touch(SessionId id, Instant at) {
        Session s = tx.read(() -> byId.get(id));
        if (s != null && at.isAfter(s.lastSeenAt())) {
            replace(s, new Session(s.id(), s.userId(), s.createdAt(), at, s.ip(), s.userAgent(), s.expiresAt(), s.revokedAt(),
                    s.revokedReason()));
        }
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        List<Session> old = tx.read(() -> byId.values().stream().filter(s -> s.expiresAt().isBefore(before)
                || (s.revokedAt() != null && s.revokedAt().isBefore(before))).toList());
        tx.write(() -> old.forEach(s -> byId.remove(s.id(), s)), () -> old.forEach(s -> byId.putIfAbsent(s.id(), s)));
        return old.size();
    }
}
