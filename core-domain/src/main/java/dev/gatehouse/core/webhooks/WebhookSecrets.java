package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.crypto.SecretSealer;

import java.util.Objects;
import java.util.Optional;

/** Seals an endpoint's signing secrets for storage and opens them to sign; each bound to its endpoint and slot. */
public record WebhookSecrets(SecretSealer sealer) {
    public WebhookSecrets {
        Objects.requireNonNull(sealer, "sealer");
    }

    /** Seals {@code secret} as the endpoint's current ({@code previous} false) or previous secret. */
    public byte[] seal(WebhookSecret secret, WebhookEndpoint endpoint, boolean previous) {
        return sealer.seal(secret.key(), context(endpoint, previous));
    }

    /** Opens a sealed secret; empty when there is none or it cannot be opened (another master key). */
    public Optional<WebhookSecret> open(byte[] sealed, WebhookEndpoint endpoint, boolean previous) {
        return sealed == null ? Optional.empty() : sealer.open(sealed, context(endpoint, previous)).map(WebhookSecret::ofKey);
    }

    private static String context(WebhookEndpoint e, boolean previous) {
        return e.id().text() + (previous ? "#previous" : "");
    }
}
