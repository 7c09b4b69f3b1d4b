package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a memory store lists its rows for a {@link ListQuery}, like the PostgreSQL adapter's lists:
 * the rows a store keeps, created and updated within the query's times, whose search term (lower
 * case) is in one of the searched texts; sorted by the query's fields, else by the default order; ties
 * broken by id in PostgreSQL's uuid order; then paged.
 *
 * @param createdAt    the row's creation time
 * @param updatedAt    the row's last change (its creation time where rows do not change)
 * @param id           the row's id
 * @param searched     the texts the search term is looked for in (a null text matches nothing)
 * @param sortable     the comparator of each field the query may sort by
 * @param defaultOrder the order when the query names none
 */
record MemoryListing<T>(Function<T, Instant> createdAt, Function<T, Instant> updatedAt, Function<T, UUID> id,
                        List<Function<T, String>> searched, Map<String, Comparator<T>> sortable,
                        Comparator<T> defaultOrder) {

    /** One page of the rows that {@code kept} keeps; call inside {@code tx.read}. */
    Page<T> page(Collection<T> rows, Predicate<T> kept, ListQuery q) {
        var search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        List<T> matching = rows.stream()
                .filter(kept)
                .filter(r -> q.matchesTimes(createdAt.apply(r), updatedAt.apply(r)))
                .filter(r -> search.isEmpty() || searched.stream().map(f -> f.apply(r))
                        .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains(search.get())))
                .sorted(MemorySort.comparator(q.page().sort(), sortable, defaultOrder,
                        Comparator.comparing(id, MemorySort.UUID_ORDER)))
                .toList();
        return MemorySort.page(matching, q.page());
    }
}
