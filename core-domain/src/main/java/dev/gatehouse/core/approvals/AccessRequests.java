package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The access requests of every organization. Lists are newest first by default. */
public interface AccessRequests {
    Set<String> SORTABLE = Set.of("created_at", "updated_at");

    /** List filters beyond {@link ListQuery} (whose {@code status} filters the state): null matches all. */
    record Filter(UserId requester, String resourceType, String resourceId) {
        public static Filter none() {
            return new Filter(null, null, null);
        }
    }

    void add(AccessRequest request);

    Optional<AccessRequest> byId(AccessRequestId id);

    /**
     * The request, locked until the transaction ends (PostgreSQL {@code SELECT … FOR UPDATE}), so that
     * concurrent votes, cancellations, revocations and expiry of one request run one after the other.
     */
    Optional<AccessRequest> lockById(AccessRequestId id);

    /** Replaces the state, decisions and {@code updated_at} of the stored request with the same id. */
    void update(AccessRequest request);

    Page<AccessRequest> list(OrganizationId organization, Filter filter, ListQuery query);

    /**
     * Pending requests past their pending TTL, and approved ones whose grant ended by itself at
     * {@code now} without {@code access_grant.expired} recorded yet; at most {@code limit}, oldest first.
     */
    List<AccessRequest> due(Instant now, int limit);

    /**
     * Whether the user has a pending request, or an approved one with a live grant, for this access there.
     * Inside a transaction, concurrent calls for the same access wait for each other until it ends, so
     * checking and then {@link #add adding} is atomic (PostgreSQL: an advisory transaction lock; memory
     * transactions are serial).
     */
    boolean hasOpen(UserId requester, String resourceType, String resourceId, RequestedAccess access, Instant now);
}
