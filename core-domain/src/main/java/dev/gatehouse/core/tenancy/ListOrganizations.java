package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The organizations the caller may read ({@code organizations_read}, asked of the authorizer with
 * lookup-resources); platform admins see all of them. The page and its total are one read of the
 * store ({@link Organizations#list}), so no transaction is opened for them.
 */
public final class ListOrganizations {
    /** The sort fields of this list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = Organizations.SORTABLE;

    private static final int LOOKUP_BATCH = 1000;

    private final Organizations organizations;
    private final Platform p;

    public ListOrganizations(Organizations organizations, Platform platform) {
        this.organizations = organizations;
        this.p = platform;
    }

    public Result<Page<Organization>> handle(Caller caller, ListQuery query) {
        if (query.status() != null) {
            return Result.fail(Failure.invalid("status", "organizations have no status filter"));
        }
        if (caller.principal().platformAdmin()) {
            return Result.ok(p.transactions().oneRead(() -> organizations.list(Optional.empty(), query)));
        }
        Optional<SubjectRef> subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Result.ok(new Page<>(java.util.List.of(), query.page().page(), query.page().perPage(), 0));
        }
        Set<OrganizationId> readable = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        do {
            var slice = p.authorizer().lookupResources("organization", "organizations_read", subject.get(), cursor, LOOKUP_BATCH);
            if (!slice.isOk()) {
                return Result.fail(slice.failure());
            }
            slice.value().items().forEach(id -> OrganizationId.parse(id).ifPresent(readable::add));
            cursor = slice.value().nextCursor();
        } while (cursor.isPresent());
        return Result.ok(p.transactions().oneRead(() -> organizations.list(Optional.of(readable), query)));
    }
}
