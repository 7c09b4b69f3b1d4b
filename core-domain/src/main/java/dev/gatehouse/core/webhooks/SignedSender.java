package dev.gatehouse.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one message to an endpoint the Standard Webhooks way: the connection-time SSRF check first
 * (nothing leaves for a URL that now resolves inside), then signed with the current secret and, during
 * a rotation's grace period, the previous one too.
 */
public final class SignedSender {
    private final UrlGuard guard;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration timeout;

    public SignedSender(UrlGuard guard, WebhookSecrets secrets, WebhookSender sender, Clock clock, Duration timeout) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Signs and sends; a refusal or an unopenable secret is a response with status 0 and the error. */
    public WebhookSender.Response send(WebhookEndpoint endpoint, String messageId, String payload) {
        UrlGuard.Checked checked = guard.check(endpoint.url());
        if (!checked.ok()) {
            return new WebhookSender.Response(0, null, null, 0, "refused: the URL " + checked.problem());
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        StringBuilder signature = new StringBuilder();
        Optional<WebhookSecret> current = secrets.open(endpoint.sealedSecret(), endpoint, false);
        if (current.isEmpty()) {
            return new WebhookSender.Response(0, null, null, 0, "the signing secret cannot be opened (master key changed?)");
        }
        signature.append(current.get().sign(messageId, timestamp, payload));
        if (endpoint.sealedPreviousSecret() != null && endpoint.previousSecretUntil() != null
                && now.isBefore(endpoint.previousSecretUntil())) {
            secrets.open(endpoint.sealedPreviousSecret(), endpoint, true)
                    .ifPresent(p -> signature.append(' ').append(p.sign(messageId, timestamp, payload)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Gatehouse-Webhooks/1");
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature.toString());
        return sender.send(checked.target(), headers, payload.getBytes(StandardCharsets.UTF_8), timeout);
    }
}
