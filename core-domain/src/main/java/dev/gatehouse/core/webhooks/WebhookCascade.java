package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.WebhookEvent;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.ListQuery;

/**
 * The webhook endpoints' part of a lifecycle cascade (ADR 0018): endpoints belong to an organization,
 * so deleting it disables each active one with the cause as {@code disabled_reason}
 * ({@code organization_deleted}; audit and event {@code webhook.endpoint_disabled}) and gives the organization's
 * {@code webhooks} slots back. Nothing more is delivered to them, the organization's own deletion event
 * included: the dispatcher fans out to active endpoints only and sends nothing queued for a disabled one
 * (it reads the endpoint before each attempt, so every instance stops at once). The rows stay, with
 * their deliveries log, for the audit trail.
 */
public record WebhookCascade(WebhookEndpoints endpoints, Entitlements entitlements, Announcer announcer) implements Dependent {
    @Override
    public void end(Ending ending) {
        if (!(ending.scope() instanceof Scope.Organization o)) {
            return;
        }
        for (WebhookEndpoint listed : endpoints.activeOf(o.organization())) {
            var locked = endpoints.lockById(listed.id());
            if (locked.isEmpty() || !locked.get().active()) {
                continue;
            }
            WebhookEndpoint e = locked.get();
            WebhookEndpoint disabled = e.withSettings(e.url(), e.events(), e.description(), false, ending.cause().wire(),
                    e.failingSince(), e.consecutiveFailures(), ending.at());
            endpoints.update(disabled);
            announcer.announce(ending.caller(), new WebhookEvent.EndpointDisabled(disabled.facts(), ending.cause().wire()),
                    "webhook", e.id());
        }
        long held = endpoints.list(o.organization(), ListQuery.firstPage()).total();
        entitlements.release(o.organization(), Feature.WEBHOOKS, held);
    }
}
