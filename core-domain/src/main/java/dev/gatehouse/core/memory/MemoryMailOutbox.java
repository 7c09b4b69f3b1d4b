package dev.gatehouse.core.memory;

import dev.gatehouse.core.mail.MailId;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.QueuedMail;
import dev.gatehouse.core.shared.CursorPage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The mail outbox in memory; claims are serialized by the store's write lock. */
public final class MemoryMailOutbox implements MailOutbox {
    private final MemoryTransactions tx;
    private final ConcurrentSkipListMap<java.util.UUID, QueuedMail> byId = new ConcurrentSkipListMap<>(MemorySort.UUID_ORDER);

    public MemoryMailOutbox(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void enqueue(QueuedMail mail) {
        tx.write(() -> {
            if (byId.putIfAbsent(mail.id().value(), mail) != null) {
                throw new IllegalStateException("mail " + mail.id() + " exists");
            }
        }, () -> byId.remove(mail.id().value(), mail));
    }

    @Override
    public List<QueuedMail> claimDue(Instant now, Instant leaseUntil, int limit) {
        return tx.inTransaction(() -> {
            List<QueuedMail> due = byId.values().stream()
                    .filter(m -> m.status().open() && !m.nextAttemptAt().isAfter(now)
                            && (m.leaseUntil() == null || m.leaseUntil().isBefore(now)))
                    .sorted(Comparator.comparing(QueuedMail::nextAttemptAt))
                    .limit(limit).toList();
            List<QueuedMail> out = new ArrayList<>();
            for (QueuedMail m : due) {
                QueuedMail leased = m.leased(leaseUntil);
                replace(m, leased);
                out.add(leased);
            }
            return out;
        });
    }

    private void replace(QueuedMail before, QueuedMail after) {
        tx.write(() -> byId.put(after.id().value(), after), () -> byId.put(before.id().value(), before));
    }

    @Override
    public void record(QueuedMail outcome) {
        tx.inTransaction(() -> {
            QueuedMail before = byId.get(outcome.id().value());
            if (before != null) {
                replace(before, outcome);
            }
            return null;
        });
    }

    @Override
    public Optional<QueuedMail> byId(MailId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
    }

    @Override
    public CursorPage<QueuedMail> list(MailQuery query, MailId before, int limit) {
        return tx.read(() -> {
            var view = before == null ? byId.descendingMap() : byId.headMap(before.value(), false).descendingMap();
            List<QueuedMail> items = new ArrayList<>();
            boolean more = false;
            for (QueuedMail m : view.values()) {
                if (!query.matches(m)) {
                    continue;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(m);
            }
            return new CursorPage<>(items, more ? Optional.of(items.get(items.size() - 1).id().text()) : Optional.empty());
        });
    }

    @Override
    public long openCount() {
        return tx.read(() -> byId.values().stream().filter(m -> m.status().open()).count());
    }

    @Override
    public int purgeEndedBefore(Instant before, int limit) {
        return tx.inTransaction(() -> {
            List<QueuedMail> ended = byId.values().stream()
                    .filter(m -> !m.status().open() && m.updatedAt().isBefore(before))
                    .sorted(Comparator.comparing(QueuedMail::updatedAt)).limit(limit).toList();
            for (QueuedMail m : ended) {
                tx.write(() -> byId.remove(m.id().value(), m), () -> byId.put(m.id().value(), m));
            }
            return ended.size();
        });
    }
}
