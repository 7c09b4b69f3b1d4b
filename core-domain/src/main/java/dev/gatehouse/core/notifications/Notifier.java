package dev.gatehouse.core.notifications;

import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.events.ApprovalEvent;
import dev.gatehouse.core.events.Event;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.events.KeyEvent;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.keys.ApiKey;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.mail.MailContent;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Role;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns domain events into notification mail, in the event's own transaction ({@link Events.Reaction}):
 * <ul>
 *   <li>{@code access_request.submitted} and {@code access_request.stage_passed}: to each eligible approver of
 *       the stage that now waits ({@code access_request_waiting}), never the requester;</li>
 *   <li>{@code access_request.approved} (not auto-approved), {@code .rejected}, {@code .expired}: to the requester
 *       ({@code access_request_decided}); a cancellation is the requester's own act or follows a deletion, and is not mailed;</li>
 *   <li>{@code api_key.expiring} (7 days, then 1 day, once each: the key's stored warning count, ADR 0013): to the
 *       key's creator while an active member of its organization, else to the organization's owners and admins
 *       ({@code api_key_expiring}).</li>
 * </ul>
 * Only active users with an account get mail; at most {@value #MAX_RECIPIENTS} per notice. If the approvers
 * cannot be looked up (authorizer outage), the notice is skipped and logged: a notification never fails
 * the change it reports.
 */
public record Notifier(MailQueue queue, Sources from, NotificationLinks links) implements Events.Reaction {
    public static final String WAITING = "access_request_waiting";
    public static final String DECIDED = "access_request_decided";
    public static final String KEY_EXPIRING = "api_key_expiring";
    public static final int MAX_RECIPIENTS = 100;
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    /** What the notifier reads to find recipients and name things. */
    public record Sources(Users users, Memberships memberships, Organizations organizations, AccessRequests requests,
                          ApiKeys apiKeys, AccessRequest.StageApprovers approvers) {
    }

    @Override
    public void on(Event event) {
        if (event instanceof ApprovalEvent.Submitted s) {
            waiting(s.request(), 0);
        } else if (event instanceof ApprovalEvent.StagePassed p) {
            waiting(p.request(), p.nextStage() - 1);
        } else if (event instanceof ApprovalEvent.Approved a && !Boolean.TRUE.equals(a.autoApproved())) {
            decided(a.request(), NotificationMails.Decided.APPROVED);
        } else if (event instanceof ApprovalEvent.Rejected r) {
            decided(r.request(), NotificationMails.Decided.REJECTED);
        } else if (event instanceof ApprovalEvent.Expired e) {
            decided(e.request(), NotificationMails.Decided.EXPIRED);
        } else if (event instanceof KeyEvent.ApiKeyExpiring k) {
            keyExpiring(k.data());
        }
    }

    private void waiting(ApprovalEvent.Request facts, int stage) {
        Optional<AccessRequest> found = from.requests().byId(facts.accessRequestId());
        if (found.isEmpty() || stage < 0 || stage >= found.get().stages().size()) {
            return; // auto-approved (no stages) or gone
        }
        AccessRequest r = found.get();
        var approvers = from.approvers().of(r, stage);
        if (!approvers.isOk()) {
            LOG.log(Level.WARNING, "approvers of " + r.id() + " stage " + (stage + 1) + " not found ("
                    + approvers.failure().message() + "): no approval notice sent");
            return;
        }
        Optional<User> requester = from.users().byId(r.requester());
        List<String> ids = approvers.value().stream().filter(id -> !id.equals(r.requester().text())).toList();
        MailContent content = NotificationMails.waiting(requester.map(User::name).orElse(null),
                requester.map(u -> u.email().value()).orElse(null), asked(facts), organization(r.organizationId()), stage + 1,
                r.stages().size(), r.stages().get(stage).name(), links.accessRequest(r.id()));
        send(WAITING, activeEmails(ids), content);
    }

    private void decided(ApprovalEvent.Request facts, NotificationMails.Decided outcome) {
        Set<String> to = activeEmails(List.of(facts.requesterId().text()));
        if (to.isEmpty()) {
            return;
        }
        send(DECIDED, to, NotificationMails.decided(outcome, asked(facts), organization(facts.organizationId()),
                facts.grantExpiresAt(), links.accessRequest(facts.accessRequestId())));
    }

    private void keyExpiring(Map<String, Object> data) {
        Optional<ApiKey> found = ApiKeyId.parse(String.valueOf(data.get("api_key_id"))).flatMap(from.apiKeys()::byId);
        if (found.isEmpty() || found.get().expiresAt() == null || !(data.get("expires_in_days") instanceof Number days)) {
            return;
        }
        ApiKey k = found.get();
        Set<String> creator = UserId.parse(k.createdBy())
                .filter(u -> from.memberships().byUser(k.organizationId(), u).isPresent())
                .map(u -> activeEmails(List.of(u.text()))).orElse(Set.of());
        Set<String> to = creator.isEmpty() ? activeEmails(ownersAndAdmins(k.organizationId())) : creator;
        if (to.isEmpty()) {
            LOG.log(Level.INFO, "API key " + k.id() + " expires soon; nobody to tell (no active creator, owner or admin)");
            return;
        }
        send(KEY_EXPIRING, to, NotificationMails.keyExpiring(k.name(), k.prefix(), organization(k.organizationId()), k.expiresAt(),
                days.longValue(), !creator.isEmpty(), links.apiKey(k.id())));
    }

    private List<String> ownersAndAdmins(OrganizationId organization) {
        List<String> ids = new ArrayList<>();
        for (Role role : List.of(Role.OWNER, Role.ADMIN)) {
            var query = new ListQuery(new PageRequest(1, PageRequest.MAX_PER_PAGE, List.of()), null, null, null, null, null,
                    role.relation());
            from.memberships().list(organization, query).items().forEach(m -> ids.add(m.userId().text()));
        }
        return ids;
    }

    /** The emails of the active users among {@code ids}, in order, at most {@link #MAX_RECIPIENTS}. */
    private Set<String> activeEmails(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (out.size() == MAX_RECIPIENTS) {
                LOG.log(Level.INFO, "notice capped at " + MAX_RECIPIENTS + " recipients");
                break;
            }
            UserId.parse(id).flatMap(from.users()::byId).filter(User::active).ifPresent(u -> out.add(u.email().value()));
        }
        return out;
    }

    private void send(String kind, Set<String> to, MailContent content) {
        to.forEach(address -> queue.enqueue(kind, address, content));
    }

    private String organization(OrganizationId id) {
        return from.organizations().byId(id).map(Organization::name).orElse(id.text());
    }

    private static NotificationMails.Asked asked(ApprovalEvent.Request facts) {
        return new NotificationMails.Asked(facts.role(), facts.permission(), facts.resourceType(), facts.resourceId(),
                facts.durationMinutes());
    }
}
