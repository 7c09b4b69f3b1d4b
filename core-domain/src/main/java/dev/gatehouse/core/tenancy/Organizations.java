package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;

import java.util.Optional;
import java.util.Set;

/**
 * The organizations. Slugs are unique among organizations that are not deleted. Readers never see
 * a deleted organization. {@code list} sorts by {@link #SORTABLE} fields (default newest first) and
 * searches name and slug, case-insensitive.
 */
public interface Organizations {
    Set<String> SORTABLE = Set.of("created_at", "name", "slug");

    /** @return false, and stores nothing, when the slug is taken by a live organization */
    boolean add(Organization organization);

    /**
     * Replaces the stored organization with the same id (also to mark it deleted).
     *
     * @return false, and changes nothing, when the new slug is taken by another live organization
     */
    boolean update(Organization organization);

    /** A live (not deleted) organization. */
    Optional<Organization> byId(OrganizationId id);

    /** Whether the organization exists and is not deleted (what the audit trail asks of tenancy). */
    default boolean live(OrganizationId id) {
        return byId(id).filter(o -> !o.isDeleted()).isPresent();
    }

    /**
     * Live organizations; only those in {@code within} when it is present (the ones a user may read),
     * every one otherwise. The page and its total are read from one snapshot (on PostgreSQL one
     * statement), so callers need no transaction around it ({@code Transactions.oneRead}).
     */
    Page<Organization> list(Optional<Set<OrganizationId>> within, ListQuery query);
}
