package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.OrganizationId;

import java.util.List;
import java.util.Map;

/** API keys and project signing keys (never a secret). Records with a {@code payload} map carry data built by their feature (see {@link EventCodec}). */
public sealed interface KeyEvent extends Event {
    @EventSpec(type = "api_key.created", description = "An API key was issued, by request or by a rotation (rotated_from); never the secret")
    record ApiKeyCreated(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public ApiKeyCreated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "api_key.rotated", description = "An API key was rotated; the old one works during its grace period")
    record ApiKeyRotated(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public ApiKeyRotated {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "api_key.revoked", description = "An API key was revoked: by request (reason manual) or because its organization, project or environment was deleted (organization_deleted, project_deleted, environment_deleted)")
    record ApiKeyRevoked(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public ApiKeyRevoked {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "api_key.expiring", description = "An API key expires soon (expires_in_days: the warning reached)")
    record ApiKeyExpiring(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public ApiKeyExpiring {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "api_key.expired", description = "An API key expired, or its rotation grace period ended (reason)")
    record ApiKeyExpired(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public ApiKeyExpired {
            payload = EventCodec.copy(payload);
        }
    }

    @EventSpec(type = "signing_key.rotated", description = "A project's token signing key was rotated")
    record SigningKeyRotated(OrganizationId organizationId, Map<String, Object> payload) implements KeyEvent {
        public SigningKeyRotated {
            payload = EventCodec.copy(payload);
        }
    }
}
