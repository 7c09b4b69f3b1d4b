package dev.gatehouse.core.approvals;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the CRUD of an organization's approval settings ({@link ManagePolicies}, {@link ManageWorkflows})
 * shares: their collaborators, and the access rules of {@link PolicyAccess} applied the same way —
 * reading takes {@code policies_read}, changing {@code policies_write}; an item the caller may not see
 * is 404.
 *
 * @param <T>  the item (a policy or a workflow)
 * @param <ID> its id
 */
abstract class ApprovalSettings<T, ID> {
    protected final AccessPolicies policies;
    protected final Workflows workflows;
    protected final PolicyAccess access;
    protected final Auditor auditor;
    protected final Transactions tx;
    protected final Clock clock;
    protected final IdGenerator ids;
    private final String what;
    private final Items<T, ID> items;

    /** Where the items are kept: one by id, a page of an organization's, and the organization of one. */
    record Items<T, ID>(Function<ID, Optional<T>> find, BiFunction<OrganizationId, ListQuery, Page<T>> page,
                        Function<T, OrganizationId> organizationOf) {
    }

    ApprovalSettings(String what, Items<T, ID> items, AccessPolicies policies, Workflows workflows, PolicyAccess access, Auditor auditor,
                     Transactions tx, Clock clock, IdGenerator ids) {
        this.what = what;
        this.items = items;
        this.policies = policies;
        this.workflows = workflows;
        this.access = access;
        this.auditor = auditor;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    public Result<T> get(Caller caller, ID id) {
        return tx.readOnly(() -> visible(caller, id, "policies_read"));
    }

    public Result<Page<T>> list(Caller caller, OrganizationId organization, ListQuery query) {
        if (organization == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        return tx.readOnly(() -> access.onOrganization(caller, organization, "policies_read")
                .<Result<Page<T>>>map(Result::fail)
                .orElseGet(() -> Result.ok(items.page().apply(organization, query))));
    }

    /**
     * Creates an item in the organization: a missing organization, then a {@code checked} input that
     * failed, is 400; then, in a transaction, the caller needs {@code policies_write}.
     */
    <V> Result<T> createIn(Caller caller, OrganizationId organization, Result<V> checked, Function<V, Result<T>> create) {
        if (organization == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        if (!checked.isOk()) {
            return Result.fail(checked.failure());
        }
        return tx.inTransaction(() -> access.onOrganization(caller, organization, "policies_write")
                .<Result<T>>map(Result::fail)
                .orElseGet(() -> create.apply(checked.value())));
    }

    /** The item, if it exists and the caller may do {@code permission} on it. */
    Result<T> visible(Caller caller, ID id, String permission) {
        var found = items.find().apply(id);
        if (found.isEmpty()) {
            return Result.fail(Failure.notFound(what));
        }
        return access.onItem(caller, items.organizationOf().apply(found.get()), permission, what)
                .<Result<T>>map(Result::fail).orElseGet(() -> Result.ok(found.get()));
    }
}
