package dev.gatehouse.core.shared;

import java.time.Instant;
import java.util.Optional;

/**
 * The common list filters of the API ({@code created_after}, {@code created_before},
 * {@code updated_after}, {@code updated_before}, {@code search}, {@code status}) and the page.
 * Bounds are exclusive; absent filters match everything.
 */
public record ListQuery(PageRequest page, Instant createdAfter, Instant createdBefore,
                        Instant updatedAfter, Instant updatedBefore, String search, String status) {

    /** Filters are text a store compares; control characters (NUL above all) are refused here, the same for every store. */
    public ListQuery {
        if (Text.singleLineProblem(search).isPresent() || Text.singleLineProblem(status).isPresent()) {
            throw new IllegalArgumentException("search and status " + Text.CONTROL);
        }
    }

    public static ListQuery firstPage() {
        return new ListQuery(PageRequest.first(), null, null, null, null, null, null);
    }

    public static ListQuery of(PageRequest page) {
        return new ListQuery(page, null, null, null, null, null, null);
    }

    public Optional<String> searchTerm() {
        return search == null || search.isBlank() ? Optional.empty() : Optional.of(search.strip());
    }

    /** Whether the timestamps pass the created/updated bounds. */
    public boolean matchesTimes(Instant created, Instant updated) {
        return (createdAfter == null || created.isAfter(createdAfter))
                && (createdBefore == null || created.isBefore(createdBefore))
                && (updatedAfter == null || updated.isAfter(updatedAfter))
                && (updatedBefore == null || updated.isBefore(updatedBefore));
    }
}
