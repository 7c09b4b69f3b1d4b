package dev.gatehouse.core.memory;

import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.Invitations;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Invitations in memory; token hashes are unique. */
public final class MemoryInvitations implements Invitations {
    private final MemoryTransactions tx;
    private final Map<InvitationId, Invitation> byId = new ConcurrentHashMap<>();

    public MemoryInvitations(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Invitation inv) {
        tx.write(() -> {
            if (byId.containsKey(inv.id()) || byId.values().stream().anyMatch(i -> i.tokenHash().equals(inv.tokenHash()))) {
                throw new IllegalStateException("invitation " + inv.id() + " or its token hash exists");
            }
            byId.put(inv.id(), inv);
        }, () -> byId.remove(inv.id(), inv));
    }

    @Override
    public void update(Invitation inv) {
        Invitation[] before = {null};
        tx.write(() -> {
            if (byId.values().stream().anyMatch(i -> !i.id().equals(inv.id()) && i.tokenHash().equals(inv.tokenHash()))) {
                throw new IllegalStateException("token hash of invitation " + inv.id() + " exists");
            }
            before[0] = byId.replace(inv.id(), inv);
        }, () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public Optional<Invitation> byId(OrganizationId organization, InvitationId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)).filter(i -> i.organizationId().equals(organization)));
    }

    @Override
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return tx.read(() -> byId.values().stream().filter(i -> i.tokenHash().equals(tokenHash)).findFirst());
    }

    private static final MemoryListing<Invitation> LISTING = new MemoryListing<>(Invitation::createdAt,
            Invitation::updatedAt, i -> i.id().value(), List.of(i -> i.email().value()),
            Map.of("created_at", Comparator.comparing(Invitation::createdAt),
                    "updated_at", Comparator.comparing(Invitation::updatedAt),
                    "expires_at", Comparator.comparing(Invitation::expiresAt),
                    "email", Comparator.comparing((Invitation i) -> i.email().value())),
            Comparator.comparing(Invitation::createdAt).reversed());

    @Override
    public Page<Invitation> list(OrganizationId organization, ListQuery q, Instant now) {
        return tx.read(() -> LISTING.page(byId.values(), i -> i.organizationId().equals(organization)
                && (q.status() == null || i.status(now).equals(q.status())), q));
    }
}
