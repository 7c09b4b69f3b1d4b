package dev.gatehouse.http;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.SortOrder;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.uri.UriBuilder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reusable list support: query parameters → {@link ListQuery}, and a {@link Page} → the list envelope. */
final class Lists {
    private static final int MAX_SEARCH = 200;

    private Lists() {
    }

    /** Validates every parameter and reports all bad ones at once (422, one entry per field). */
    static ListQuery query(ListParams p, Set<String> sortable) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Integer page = integer("page", p.page(), errors);
        Integer perPage = integer("per_page", p.perPage(), errors);
        Result<List<SortOrder>> sort = SortOrder.parse(p.sort(), sortable);
        if (!sort.isOk()) {
            errors.putAll(sort.failure().fieldErrors());
        }
        Instant createdAfter = instant("created_after", p.createdAfter(), errors);
        Instant createdBefore = instant("created_before", p.createdBefore(), errors);
        Instant updatedAfter = instant("updated_after", p.updatedAfter(), errors);
        Instant updatedBefore = instant("updated_before", p.updatedBefore(), errors);
        if (p.search() != null && p.search().length() > MAX_SEARCH) {
            errors.put("search", List.of("must be at most " + MAX_SEARCH + " characters"));
        }
        dev.gatehouse.core.shared.Text.singleLineProblem(p.search()).ifPresent(m -> errors.put("search", List.of(m)));
        dev.gatehouse.core.shared.Text.singleLineProblem(p.status()).ifPresent(m -> errors.put("status", List.of(m)));
        Result<PageRequest> request = null;
        if (!errors.containsKey("page") && !errors.containsKey("per_page")) {
            request = PageRequest.of(page, perPage, sort.isOk() ? sort.value() : List.of());
            if (!request.isOk()) {
                errors.putAll(request.failure().fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        String status = p.status() == null || p.status().isBlank() ? null : p.status().strip();
        return new ListQuery(request.value(), createdAfter, createdBefore, updatedAfter, updatedBefore, p.search(), status);
    }

    /** A resource's list envelope, made by its record's constructor ({@code Dtos.ProjectList::new}). */
    @FunctionalInterface
    interface Envelope<T, L> {
        L of(List<T> data, Dtos.ListMeta meta, Dtos.ListLinks links);
    }

    /** A page of domain objects → the list envelope of their views, with its figures and links. */
    static <D, T, L> L envelope(HttpRequest<?> request, Page<D> page, Function<? super D, ? extends T> view, Envelope<T, L> list) {
        var meta = new Dtos.ListMeta(page.page(), page.from(), page.lastPage(), page.perPage(), page.to(), page.total());
        var links = new Dtos.ListLinks(link(request, 1), link(request, page.lastPage()),
                page.page() > 1 ? link(request, Math.min(page.page() - 1, page.lastPage())) : null,
                page.page() < page.lastPage() ? link(request, page.page() + 1) : null);
        List<T> items = page.items().stream().<T>map(view).toList();
        return list.of(items, meta, links);
    }

    /** The requested page of a list held whole in memory. */
    static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.perPage());
        return new Page<>(all.subList(from, to), page.page(), page.perPage(), all.size());
    }

    /** A short catalog as one page. */
    static <T> Page<T> whole(List<T> all) {
        return new Page<>(all, 1, Math.max(all.size(), 1), all.size());
    }

    /** This request's path and query with {@code page} replaced: an absolute-path URL. */
    static String link(HttpRequest<?> request, int page) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        boolean pageSet = false;
        for (var entry : request.getParameters().asMap().entrySet()) {
            if (entry.getKey().equals("page")) {
                uri.queryParam("page", page);
                pageSet = true;
            } else {
                for (String value : entry.getValue()) {
                    uri.queryParam(entry.getKey(), value);
                }
            }
        }
        if (!pageSet) {
            uri.queryParam("page", page);
        }
        return uri.build().toString();
    }

    static Integer integer(String field, String text, Map<String, List<String>> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, List.of("must be an integer"));
            return null;
        }
    }

    /** ISO-8601 instant: {@code 2026-01-15T10:30:00Z} or with an offset, {@code 2026-01-15T11:30:00+01:00}. */
    static Instant instant(String field, String text, Map<String, List<String>> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException again) {
                errors.put(field, List.of("must be an ISO-8601 date-time, e.g. 2026-01-15T10:30:00Z"));
                return null;
            }
        }
    }
}
