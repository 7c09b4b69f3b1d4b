package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.ListQuery;

import java.util.Map;

/**
 * The webhook endpoints' part of a lifecycle cascade (ADR 0018): endpoints belong to an organization,
 * so deleting it disables each active one with the cause as {@code disabled_reason}
 * ({@code organization_deleted}; audit and event {@code webhook.endpoint_disabled}) and gives the organization's
 * {@code webhooks} slots back. Nothing more is delivered to them, the organization's own deletion event
 * included: the dispatcher fans out to active endpoints only and sends nothing queued for a disabled one
 * (it reads the endpoint before each attempt, so every instance stops at once). The rows stay, with
 * their deliveries log, for the audit trail.
 */
public final class WebhookCascade implements Dependent {
    private final WebhookContext ctx;

    public WebhookCascade(WebhookContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void end(Ending ending) {
        if (!(ending.scope() instanceof Scope.Organization o)) {
            return;
        }
        for (WebhookEndpoint listed : ctx.endpoints().activeOf(o.organization())) {
            var locked = ctx.endpoints().lockById(listed.id());
            if (locked.isEmpty() || !locked.get().active()) {
                continue;
            }
            WebhookEndpoint e = locked.get();
            WebhookEndpoint disabled = e.withSettings(e.url(), e.events(), e.description(), false, ending.cause().wire(),
                    e.failingSince(), e.consecutiveFailures(), ending.at());
            ctx.endpoints().update(disabled);
            Map<String, Object> data = WebhookContext.data(disabled);
            data.put("reason", ending.cause().wire());
            ctx.auditor().record(ending.caller(), "webhook.endpoint_disabled", "webhook", e.id(), e.organizationId(), data);
            ctx.events().record("webhook.endpoint_disabled", e.organizationId(), data);
        }
        long held = ctx.endpoints().list(o.organization(), ListQuery.firstPage()).total();
        ctx.entitlements().release(o.organization(), Feature.WEBHOOKS, held);
    }
}
