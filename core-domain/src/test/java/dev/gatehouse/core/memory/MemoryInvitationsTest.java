package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.InvitationsContract;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Invitations;

import java.util.UUID;

class MemoryInvitationsTest extends InvitationsContract {
    @Override
    protected Invitations invitations() {
        return new MemoryInvitations(new MemoryTransactions());
    }

    @Override
    protected OrganizationId organization() {
        return new OrganizationId(UUID.randomUUID());
    }

    @Override
    protected UserId user(String email) {
        return new UserId(UUID.randomUUID());
    }
}
