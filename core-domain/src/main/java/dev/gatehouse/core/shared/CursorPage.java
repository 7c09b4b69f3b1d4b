package dev.gatehouse.core.shared;

import java.util.List;
import java.util.Optional;

/** A slice of a large append-only list, with the opaque cursor of the next slice when there is one. */
public record CursorPage<T>(List<T> items, Optional<String> nextCursor) {
    public CursorPage {
        items = List.copyOf(items);
    }
}
