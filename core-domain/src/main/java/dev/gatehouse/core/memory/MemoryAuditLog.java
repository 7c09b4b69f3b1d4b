package dev.gatehouse.core.memory;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditLog;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit trail in memory, ordered by (time-ordered) id, holding at most {@link #DEFAULT_CAPACITY}
 * entries (or the capacity given): beyond it the oldest entries are dropped, so that a long-running
 * embedded server under token traffic (every issued token is audited) does not fill its heap. The
 * memory store keeps nothing across restarts anyway; a trail to keep is PostgreSQL's.
 */
public final class MemoryAuditLog implements AuditLog {
    /** About 30 MB of entries of the product's usual size. */
    public static final int DEFAULT_CAPACITY = 20_000;

    private final MemoryTransactions tx;
    private final int capacity;
    private final ConcurrentSkipListMap<UUID, AuditEvent> events = new ConcurrentSkipListMap<>(MemorySort.UUID_ORDER);
    private final AtomicInteger size = new AtomicInteger();

    public MemoryAuditLog(MemoryTransactions tx) {
        this(tx, DEFAULT_CAPACITY);
    }

    public MemoryAuditLog(MemoryTransactions tx, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.tx = tx;
        this.capacity = capacity;
    }

    @Override
    public void append(AuditEvent event) {
        tx.write(() -> {
            if (events.putIfAbsent(event.id().value(), event) != null) {
                throw new IllegalStateException("audit event " + event.id() + " exists: the trail is append-only");
            }
            size.incrementAndGet();
        }, () -> remove(event));
        while (size.get() > capacity) {
            var oldest = events.firstEntry();
            if (oldest == null || oldest.getValue() == event) {
                break;
            }
            remove(oldest.getValue());
        }
    }

    private void remove(AuditEvent e) {
        if (events.remove(e.id().value(), e)) {
            size.decrementAndGet();
        }
    }

    private void restore(AuditEvent e) {
        if (events.putIfAbsent(e.id().value(), e) == null) {
            size.incrementAndGet();
        }
    }

    @Override
    public CursorPage<AuditEvent> find(AuditQuery query, EventId after, int limit) {
        return tx.read(() -> {
            var newestFirst = after == null ? events.descendingMap() : events.headMap(after.value(), false).descendingMap();
            List<AuditEvent> out = new ArrayList<>(limit);
            boolean more = false;
            for (AuditEvent e : newestFirst.values()) {
                if (!query.matches(e)) {
                    continue;
                }
                if (out.size() == limit) {
                    more = true;
                    break;
                }
                out.add(e);
            }
            return new CursorPage<>(out, more ? Optional.of(out.get(out.size() - 1).id().text()) : Optional.empty());
        });
    }

    @Override
    public Optional<AuditEvent> byId(EventId id) {
        return tx.read(() -> Optional.ofNullable(events.get(id.value())));
    }

    @Override
    public List<AuditEvent> slice(AuditQuery query, EventId after, int limit) {
        return tx.read(() -> {
            var oldestFirst = after == null ? events : events.tailMap(after.value(), false);
            List<AuditEvent> out = new ArrayList<>(Math.min(limit, 1024));
            for (AuditEvent e : oldestFirst.values()) {
                if (out.size() == limit) {
                    break;
                }
                if (query.matches(e)) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    @Override
    public int purgeBefore(java.time.Instant cutoff, int limit) {
        List<AuditEvent> old = new ArrayList<>();
        for (AuditEvent e : events.values()) {
            if (old.size() == limit) {
                break;
            }
            if (e.occurredAt().isBefore(cutoff)) {
                old.add(e);
            }
        }
        tx.write(() -> old.forEach(this::remove), () -> old.forEach(this::restore));
        return old.size();
    }
}
