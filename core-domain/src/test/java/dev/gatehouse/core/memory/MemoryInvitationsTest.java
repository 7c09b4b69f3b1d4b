package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.InvitationsContract;
import dev.gatehouse.core.tenancy.Invitations;

class MemoryInvitationsTest extends InvitationsContract {
    @Override
    protected Invitations invitations() {
        return new MemoryInvitations(new MemoryTransactions());
    }
}
