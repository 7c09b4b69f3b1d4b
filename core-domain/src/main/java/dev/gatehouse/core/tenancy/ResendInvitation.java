package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
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
public record ResendInvitation(Invitations invitations, Organizations organizations, InvitationChecks checks,
                               InvitationLinks links, InvitationMail mail, Platform p) {
    public Result<IssuedInvitation> handle(Caller caller, OrganizationId organization, InvitationId id) {
        String token = InvitationToken.generate(p.ids());
        Organization[] org = new Organization[1];
        Result<IssuedInvitation> result = p.transactions().inTransaction(() -> checks
                .forChange(caller, organization, id)
                .flatMap(inv -> inv.reissue(InvitationToken.hash(token), p.clock().instant()).map(next -> {
                    org[0] = organizations.byId(organization).orElseThrow();
                    invitations.update(next);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("email", next.email().value());
                    summary.put("expires_at", Map.of("before", inv.expiresAt().toString(), "after", next.expiresAt().toString()));
                    p.auditor().record(caller, "invitation.resent", "invitation", id, organization, summary);
                    p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationResent(organization, InvitationEvents.data(next)));
                    IssuedInvitation issued = new IssuedInvitation(next, token, links.acceptUrl(token));
                    mail.sendInside(org[0], issued);
                    return issued;
                })));
        if (result.isOk()) {
            mail.sendAfter(org[0], result.value());
        }
        return result;
    }
}
