package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/** Revokes a pending (or expired) invitation: its link stops working. Accepted or revoked ones are a 409. */
public record RevokeInvitation(Invitations invitations, InvitationChecks checks, Platform p) {
    public Result<Invitation> handle(Caller caller, OrganizationId organization, InvitationId id) {
        return p.transactions().inTransaction(() -> checks.forChange(caller, organization, id)
                .flatMap(inv -> inv.revoke(p.clock().instant()))
                .map(revoked -> {
                    invitations.update(revoked);
                    p.auditor().record(caller, "invitation.revoked", "invitation", id, organization,
                            Map.of("email", revoked.email().value(), "status", Map.of("before", "pending", "after", "revoked")));
                    p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationRevoked(organization, InvitationEvents.data(revoked)));
                    return revoked;
                }));
    }
}
