package dev.gatehouse.core.memory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows by key inside {@link MemoryTransactions}: every write registers its undo, so a rolled-back
 * transaction leaves the table as it was. Reads go through the transactions' read lock.
 */
final class MemoryTable<K, V> {
    private final MemoryTransactions tx;
    private final String what;
    private final Map<K, V> rows = new ConcurrentHashMap<>();

    /** @param what the row's name in the error for a duplicate key, e.g. "workflow" */
    MemoryTable(MemoryTransactions tx, String what) {
        this.tx = tx;
        this.what = what;
    }

    void add(K key, V row) {
        tx.write(() -> {
            if (rows.putIfAbsent(key, row) != null) {
                throw new IllegalStateException(what + " " + key + " exists");
            }
        }, () -> rows.remove(key, row));
    }

    Optional<V> get(K key) {
        return tx.read(() -> Optional.ofNullable(rows.get(key)));
    }

    /** Replaces an existing row; a missing key changes nothing. */
    void replace(K key, V row) {
        Object[] before = {null};
        tx.write(() -> before[0] = rows.replace(key, row), () -> {
            if (before[0] != null) {
                @SuppressWarnings("unchecked")
                V old = (V) before[0];
                rows.put(key, old);
            }
        });
    }

    void remove(K key) {
        Object[] before = {null};
        tx.write(() -> before[0] = rows.remove(key), () -> {
            if (before[0] != null) {
                @SuppressWarnings("unchecked")
                V old = (V) before[0];
                rows.put(key, old);
            }
        });
    }

    /** The rows, for a read inside {@code tx.read}. */
    Collection<V> values() {
        return rows.values();
    }
}
