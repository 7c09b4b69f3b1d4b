package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-sends a pending (or expired) invitation with a new token, valid as long as the first one was;
 * the old token stops working. Returns the new token and link, once.
 */
public final class ResendInvitation {
    private final TenancyPorts p;
    private final OwnerRolePolicy ownerRole;

    public ResendInvitation(TenancyPorts ports) {
        this.p = ports;
        this.ownerRole = new OwnerRolePolicy(ports);
    }

    public Result<IssuedInvitation> handle(Caller caller, OrganizationId organization, InvitationId id) {
        String token = InvitationToken.generate(p.ids());
        Organization[] org = new Organization[1];
        Result<IssuedInvitation> result = p.tx().inTransaction(() -> InvitationChecks
                .forChange(p, ownerRole, caller, organization, id)
                .flatMap(inv -> inv.reissue(InvitationToken.hash(token), p.clock().instant()).map(next -> {
                    org[0] = p.organizations().byId(organization).orElseThrow();
                    p.invitations().update(next);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("email", next.email().value());
                    summary.put("expires_at", Map.of("before", inv.expiresAt().toString(), "after", next.expiresAt().toString()));
                    p.auditor().record(caller, "invitation.resent", "invitation", id, organization, summary);
                    p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationResent(organization, InvitationEvents.data(next)));
                    return new IssuedInvitation(next, token, p.links().acceptUrl(token));
                })));
        if (result.isOk()) {
            InvitationMail.send(p, org[0], result.value());
        }
        return result;
    }
}
