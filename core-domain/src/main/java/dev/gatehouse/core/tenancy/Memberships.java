package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;
import java.util.Set;

/**
 * Who belongs to which organization, with which role: one membership per (organization, user).
 * {@code list} sorts by {@link #SORTABLE} fields (default oldest first, the founders on top) and
 * filters by role through the query's {@code status}.
 */
public interface Memberships {
    Set<String> SORTABLE = Set.of("created_at", "updated_at", "role");

    /** @return false, and stores nothing, when the user is already a member */
    boolean add(Membership membership);

    /**
     * Adds the first membership of an organization created in the same transaction (so none can
     * exist yet). A store may send it with the transaction's next statement or at its commit (on
     * PostgreSQL together with the change's audit and outbox rows; issue 19); it is stored when the
     * transaction commits, or at once outside one.
     */
    default void addFounder(Membership membership) {
        add(membership);
    }

    /** Replaces the stored membership with the same id. */
    void update(Membership membership);

    void remove(Membership membership);

    Optional<Membership> byUser(OrganizationId organization, UserId user);

    /** Every membership of the user, in any organization, oldest first (for a deactivation's cascade). */
    java.util.List<Membership> ofUser(UserId user);

    long countWithRole(OrganizationId organization, Role role);

    Page<Membership> list(OrganizationId organization, ListQuery query);
}
