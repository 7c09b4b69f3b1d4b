package dev.gatehouse.core.memory;

import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.RequestState;
import dev.gatehouse.core.approvals.RequestedAccess;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access requests in memory; memory transactions are serial, so the "lock" is the transaction itself. */
public final class MemoryAccessRequests implements AccessRequests {
    private final MemoryTransactions tx;
    private final Map<AccessRequestId, AccessRequest> byId = new ConcurrentHashMap<>();

    public MemoryAccessRequests(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(AccessRequest r) {
        tx.write(() -> {
            if (byId.putIfAbsent(r.id(), r) != null) {
                throw new IllegalStateException("access request " + r.id() + " exists");
            }
        }, () -> byId.remove(r.id(), r));
    }

    @Override
    public Optional<AccessRequest> byId(AccessRequestId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<AccessRequest> lockById(AccessRequestId id) {
        return byId(id);
    }

    @Override
    public void update(AccessRequest r) {
        AccessRequest[] before = {null};
        tx.write(() -> {
            before[0] = byId.get(r.id());
            if (before[0] != null) {
                byId.put(r.id(), r);
            }
        }, () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public Page<AccessRequest> list(OrganizationId organization, Filter f, ListQuery q) {
        return tx.read(() -> {
            List<AccessRequest> matching = byId.values().stream()
                    .filter(r -> r.organizationId().equals(organization))
                    .filter(r -> f.requester() == null || r.requester().equals(f.requester()))
                    .filter(r -> f.resourceType() == null || r.resource().type().equals(f.resourceType()))
                    .filter(r -> f.resourceId() == null || r.resource().id().equals(f.resourceId()))
                    .filter(r -> q.status() == null || r.state().wire().equals(q.status()))
                    .filter(r -> q.matchesTimes(r.createdAt(), r.updatedAt()))
                    .sorted(MemorySort.comparator(q.page().sort(), Map.of(
                                    "created_at", Comparator.comparing(AccessRequest::createdAt),
                                    "updated_at", Comparator.comparing(AccessRequest::updatedAt)),
                            Comparator.comparing(AccessRequest::createdAt).reversed(),
                            Comparator.comparing((AccessRequest r) -> r.id().value(), MemorySort.UUID_ORDER)))
                    .toList();
            return MemorySort.page(matching, q.page());
        });
    }

    @Override
    public List<AccessRequest> due(Instant now, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(r -> (r.state() instanceof RequestState.Pending p && p.overdueAt(now))
                        || (r.state() instanceof RequestState.Approved a && a.revokedAt() == null && !a.expiryRecorded()
                        && !now.isBefore(a.grantExpiresAt())))
                .sorted(Comparator.comparing((AccessRequest r) -> r.id().value(), MemorySort.UUID_ORDER))
                .limit(limit).toList());
    }

    @Override
    public boolean hasOpen(UserId requester, String resourceType, String resourceId, RequestedAccess access, Instant now) {
        return tx.read(() -> byId.values().stream()
                .filter(r -> r.requester().equals(requester) && r.resource().type().equals(resourceType)
                        && r.resource().id().equals(resourceId) && r.access().equals(access))
                .anyMatch(r -> (r.state() instanceof RequestState.Pending p && !p.overdueAt(now))
                        || (r.state() instanceof RequestState.Approved a && "active".equals(a.grantStatus(now)))));
    }
}
