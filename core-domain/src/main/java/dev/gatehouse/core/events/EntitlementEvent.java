package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;

import java.util.Map;

/** Plans and entitlements. Records with a {@code payload} map carry data built by their feature (see {@link EventCodec}). */
public sealed interface EntitlementEvent extends Event {
    @EventSpec(type = "organization.plan_changed", description = "An organization moved to another plan tier")
    record PlanChanged(OrganizationId organizationId, String previousTier, String tier) implements EntitlementEvent {
    }

    @EventSpec(type = "entitlement.overridden", description = "A platform admin overrode a feature's allowance")
    record EntitlementOverridden(OrganizationId organizationId, Map<String, Object> payload) implements EntitlementEvent {
        public EntitlementOverridden {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "entitlement.threshold_reached", description = "Usage of a feature crossed 80 % or 100 % of its limit")
    record ThresholdReached(OrganizationId organizationId, Map<String, Object> payload) implements EntitlementEvent {
        public ThresholdReached {
            payload = EventCodec.copy(payload);
        }
    }
}
