package dev.gatehouse.core.roles;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The roles usable in an organization ({@code roles_read}): the built-in ones first, strongest first
 * ({@code built_in: true}), then its custom roles by name. {@code search} matches names and
 * descriptions (case-insensitive); {@code status} is {@code built_in} or {@code custom}.
 */
public record ListRoles(Roles roles, RoleGuard guard, Transactions tx) {
    public record Command(Caller caller, OrganizationId organization, ListQuery query) {
    }

    public Result<Page<RoleDefinition>> handle(Command c) {
        if (c.organization() == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        String status = c.query().status();
        if (status != null && !status.equals("built_in") && !status.equals("custom")) {
            return Result.fail(Failure.invalid("status", "must be one of: built_in, custom"));
        }
        return tx.readOnly(() -> {
            var denied = guard.inLiveOrganization(c.caller(), c.organization(), "roles_read");
            if (denied.isPresent()) {
                return Result.fail(denied.get());
            }
            var search = c.query().searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
            List<RoleDefinition> all = new ArrayList<>();
            Stream.concat(
                            status == null || status.equals("built_in") ? BuiltInRoles.LISTED.stream().map(RoleDefinition::of) : Stream.empty(),
                            status == null || status.equals("custom")
                                    ? roles.ofOrganization(c.organization()).stream().map(RoleDefinition::of) : Stream.empty())
                    .filter(r -> search.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(search.get())
                            || r.description().toLowerCase(Locale.ROOT).contains(search.get()))
                    .filter(r -> r.createdAt() == null || c.query().matchesTimes(r.createdAt(), r.updatedAt()))
                    .forEach(all::add);
            var page = c.query().page();
            int from = (int) Math.min(all.size(), page.offset());
            int to = Math.min(all.size(), from + page.perPage());
            return Result.ok(new Page<>(all.subList(from, to), page.page(), page.perPage(), all.size()));
        });
    }
}
