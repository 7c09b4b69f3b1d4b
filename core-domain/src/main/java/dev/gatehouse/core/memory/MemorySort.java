package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sorting and paging helpers shared by the memory stores, matching the PostgreSQL adapter's order. */
final class MemorySort {
    /** PostgreSQL compares uuids as unsigned bytes; {@link UUID#compareTo} does not. */
    static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private MemorySort() {
    }

    static <T> Comparator<T> comparator(List<SortOrder> orders, Map<String, Comparator<T>> fields,
                                        Comparator<T> defaultOrder, Comparator<T> tieBreak) {
        Comparator<T> c = null;
        for (SortOrder o : orders) {
            Comparator<T> f = fields.get(o.field());
            if (f == null) {
                throw new IllegalArgumentException("unsortable field " + o.field());
            }
            f = o.descending() ? f.reversed() : f;
            c = c == null ? f : c.thenComparing(f);
        }
        return (c == null ? defaultOrder : c).thenComparing(tieBreak);
    }

    static <T> Page<T> page(List<T> sorted, PageRequest page) {
        int from = (int) Math.min(sorted.size(), page.offset());
        int to = Math.min(sorted.size(), from + page.perPage());
        return new Page<>(sorted.subList(from, to), page.page(), page.perPage(), sorted.size());
    }
}
