package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;

/**
 * A domain event as the code emits it: one record per wire type, grouped by feature in sealed
 * interfaces. {@link EventCodec} turns any of them into the delivered {@code data} and the audit
 * summary; {@link EventCatalog} lists the whole family for {@code GET /api/v1/event-types}. Because
 * {@link Events#record} only takes an {@code Event}, nothing can be delivered that the catalog misses.
 */
public sealed interface Event permits ApprovalEvent, WebhookEvent, TenancyEvent, IdentityEvent, KeyEvent, RoleEvent,
        EntitlementEvent {
    /** The organization it belongs to; null for instance-wide events ({@code user.*}). */
    OrganizationId organizationId();

    /** The wire type, from the record's {@link EventSpec}. */
    default String type() {
        return EventCodec.type(getClass());
    }

    /** The delivered {@code data}: see {@link EventCodec#data}. */
    default java.util.Map<String, Object> data() {
        return EventCodec.data((Record) this);
    }
}
