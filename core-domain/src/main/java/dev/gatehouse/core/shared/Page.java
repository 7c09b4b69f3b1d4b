package dev.gatehouse.core.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total count; the figures of the list envelope's {@code meta}. */
public record Page<T>(List<T> items, int page, int perPage, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public int lastPage() {
        return (int) Math.max(1, (total + perPage - 1) / perPage);
    }

    /** 1-based position of the first item, or null on an empty page. */
    public Long from() {
        return items.isEmpty() ? null : (long) (page - 1) * perPage + 1;
    }

    public Long to() {
        return items.isEmpty() ? null : (long) (page - 1) * perPage + items.size();
    }

    public <U> Page<U> map(Function<? super T, ? extends U> f) {
        return new Page<>(items.stream().<U>map(f).toList(), page, perPage, total);
    }
}
