package dev.gatehouse.core.memory;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.EventId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/** Domain events in memory, in id order. */
public final class MemoryEventOutbox implements EventOutbox {
    private final MemoryTransactions tx;
    private final ConcurrentSkipListMap<UUID, DomainEvent> events = new ConcurrentSkipListMap<>(MemorySort.UUID_ORDER);

    private volatile Runnable onAppend = () -> {
    };

    public MemoryEventOutbox(MemoryTransactions tx) {
        this.tx = tx;
    }

    /**
     * Runs {@code hook} after each append (the webhook dispatcher's wake-up). It runs before the
     * appending transaction commits; a reader taking the write lock sees the event once it has.
     */
    public void onAppend(Runnable hook) {
        this.onAppend = hook;
    }

    @Override
    public void append(DomainEvent event) {
        tx.write(() -> {
            if (events.putIfAbsent(event.id().value(), event) != null) {
                throw new IllegalStateException("event " + event.id() + " exists");
            }
        }, () -> events.remove(event.id().value(), event));
        onAppend.run();
    }

    @Override
    public List<DomainEvent> after(EventId after, int limit) {
        return tx.read(() -> {
            var tail = after == null ? events : events.tailMap(after.value(), false);
            List<DomainEvent> out = new ArrayList<>(Math.min(limit, 64));
            for (DomainEvent e : tail.values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(e);
            }
            return out;
        });
    }

    @Override
    public Optional<DomainEvent> byId(EventId id) {
        return tx.read(() -> Optional.ofNullable(events.get(id.value())));
    }
}
