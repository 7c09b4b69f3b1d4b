package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The invitations of organizations. Token hashes are unique. {@code list} sorts by
 * {@link #SORTABLE} fields (default newest first), searches the email and filters by the status at
 * {@code now} ({@code pending}, {@code expired}, {@code accepted}, {@code revoked}).
 */
public interface Invitations {
    Set<String> SORTABLE = Set.of("created_at", "updated_at", "expires_at", "email");
    Set<String> STATUSES = Set.of("pending", "expired", "accepted", "revoked");

    void add(Invitation invitation);

    /** Replaces the stored invitation with the same id. */
    void update(Invitation invitation);

    Optional<Invitation> byId(OrganizationId organization, InvitationId id);

    Optional<Invitation> byTokenHash(String tokenHash);

    Page<Invitation> list(OrganizationId organization, ListQuery query, Instant now);
}
