package dev.gatehouse.core.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One sort key: {@code name} ascending, {@code -created_at} descending. */
public record SortOrder(String field, boolean descending) {
    public SortOrder {
        Objects.requireNonNull(field, "field");
    }

    /**
     * Parses {@code sort=-created_at,name} against the fields a list allows.
     *
     * @return the orders, or a validation failure on field {@code sort} naming the allowed fields
     */
    public static Result<List<SortOrder>> parse(String spec, Set<String> allowed) {
        List<SortOrder> orders = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return Result.ok(orders);
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            boolean desc = p.startsWith("-");
            String field = desc ? p.substring(1) : p;
            if (!allowed.contains(field)) {
                return Result.fail(Failure.invalid("sort",
                        "cannot sort by '" + field + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))));
            }
            orders.add(new SortOrder(field, desc));
        }
        return Result.ok(List.copyOf(orders));
    }
}
