package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invites an email address with a built-in role, under the same rules as adding a member
 * ({@code members_write}; an owner invitation needs {@code owners_write}). Valid 7 days unless
 * {@code expiresInDays} (1 to 30) says otherwise. The token is returned once and mailed; only its
 * hash is stored.
 */
public record CreateInvitation(Invitations invitations, Memberships memberships, Users users, OrganizationGuard guard,
                               OwnerRolePolicy ownerRole, InvitationLinks links, InvitationMail mail, Platform p) {
    public record Command(Caller caller, OrganizationId organization, String email, String role, Integer expiresInDays) {
    }

    public Result<IssuedInvitation> handle(Command c) {
        Organization[] org = new Organization[1];
        Result<IssuedInvitation> result = p.transactions().inTransaction(() -> guard
                .require(c.caller(), c.organization(), "members_write")
                .flatMap(o -> {
                    org[0] = o;
                    return invite(c).map(issued -> {
                        mail.sendInside(o, issued);
                        return issued;
                    });
                }));
        if (result.isOk()) {
            mail.sendAfter(org[0], result.value());
        }
        return result;
    }

    private Result<IssuedInvitation> invite(Command c) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        var email = Email.parse(c.email());
        if (email.isEmpty()) {
            errors.put("email", List.of(c.email() == null ? "is required" : "is not a valid email address"));
        }
        var role = Role.parse(c.role(), "role");
        if (!role.isOk()) {
            errors.putAll(role.failure().fieldErrors());
        }
        int days = c.expiresInDays() == null ? (int) Invitation.DEFAULT_VALIDITY.toDays() : c.expiresInDays();
        if (days < 1 || days > Invitation.MAX_VALIDITY.toDays()) {
            errors.put("expires_in_days", List.of("must be between 1 and " + Invitation.MAX_VALIDITY.toDays()));
        }
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        var denied = ownerRole.check(c.caller(), c.organization(), null, role.value());
        if (denied.isPresent()) {
            return Result.fail(denied.get());
        }
        var existing = users.byEmail(email.get());
        if (existing.isPresent() && memberships.byUser(c.organization(), existing.get().id()).isPresent()) {
            return Result.fail(Failure.conflict("This email belongs to a member already."));
        }
        var now = p.clock().instant();
        var pending = invitations.list(c.organization(), new ListQuery(new PageRequest(1, PageRequest.MAX_PER_PAGE, List.of()),
                null, null, null, null, email.get().value(), "pending"), now).items().stream()
                .filter(i -> i.email().equals(email.get())).findFirst();
        if (pending.isPresent()) {
            return Result.fail(Failure.conflict("A pending invitation for this email exists; resend or revoke it instead.")
                    .withDetail("invitation_id", pending.get().id().text()));
        }
        String token = InvitationToken.generate(p.ids());
        UserId invitedBy = c.caller().principal() instanceof Principal.User u ? u.userId() : null;
        Invitation inv = Invitation.create(new InvitationId(p.ids().newId()), c.organization(), email.get(), role.value(),
                InvitationToken.hash(token), invitedBy, now, Duration.ofDays(days));
        invitations.add(inv);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("email", inv.email().value());
        summary.put("role", inv.role().relation());
        summary.put("expires_at", inv.expiresAt().toString());
        p.auditor().record(c.caller(), "invitation.created", "invitation", inv.id(), inv.organizationId(), summary);
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.InvitationCreated(inv.organizationId(), InvitationEvents.data(inv)));
        return Result.ok(new IssuedInvitation(inv, token, links.acceptUrl(token)));
    }
}
