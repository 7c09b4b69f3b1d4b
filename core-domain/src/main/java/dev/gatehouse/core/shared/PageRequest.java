package dev.gatehouse.core.shared;

import java.util.List;

/** Page number (1-based), page size (1..100) and sort keys. */
public record PageRequest(int page, int perPage, List<SortOrder> sort) {
    public static final int DEFAULT_PER_PAGE = 25;
    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1");
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("per_page must be 1.." + MAX_PER_PAGE);
        }
        sort = List.copyOf(sort);
    }

    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_PER_PAGE, List.of());
    }

    /** Validating factory for untrusted input: failures name the field. */
    public static Result<PageRequest> of(Integer page, Integer perPage, List<SortOrder> sort) {
        int p = page == null ? 1 : page;
        int pp = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            return Result.fail(Failure.invalid("page", "must be at least 1"));
        }
        if (pp < 1 || pp > MAX_PER_PAGE) {
            return Result.fail(Failure.invalid("per_page", "must be between 1 and " + MAX_PER_PAGE));
        }
        return Result.ok(new PageRequest(p, pp, sort));
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
