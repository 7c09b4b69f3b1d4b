package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/** Revokes a pending (or expired) invitation: its link stops working. Accepted or revoked ones are a 409. */
public final class RevokeInvitation {
    private final TenancyPorts p;
    private final OwnerRolePolicy ownerRole;

    public RevokeInvitation(TenancyPorts ports) {
        this.p = ports;
        this.ownerRole = new OwnerRolePolicy(ports);
    }

    public Result<Invitation> handle(Caller caller, OrganizationId organization, InvitationId id) {
        return p.tx().inTransaction(() -> InvitationChecks.forChange(p, ownerRole, caller, organization, id)
                .flatMap(inv -> inv.revoke(p.clock().instant()))
                .map(revoked -> {
                    p.invitations().update(revoked);
                    p.auditor().record(caller, "invitation.revoked", "invitation", id, organization,
                            Map.of("email", revoked.email().value(), "status", Map.of("before", "pending", "after", "revoked")));
                    p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationRevoked(organization, InvitationEvents.data(revoked)));
                    return revoked;
                }));
    }
}
