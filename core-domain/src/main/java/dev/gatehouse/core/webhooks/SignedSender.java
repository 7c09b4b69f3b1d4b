package dev.gatehouse.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one message to an endpoint the Standard Webhooks way: the connection-time SSRF check first
 * (nothing leaves for a URL that now resolves inside), then signed with the current secret and, during
 * a rotation's grace period, the previous one too.
 *
 * <p>Opened secrets are kept per endpoint and slot next to the sealed bytes they came from, so a
 * delivery does not decrypt its endpoint's secret again; a rotation (other sealed bytes) opens the new
 * one, and at most {@link #MAX_OPENED} are held (the cache is emptied beyond).
 */
public final class SignedSender {
    static final int MAX_OPENED = 4096;
    private final UrlGuard guard;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    private record Opened(byte[] sealed, WebhookSecret secret) {
    }

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
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        Optional<WebhookSecret> current = open(endpoint.sealedSecret(), endpoint, false);
        if (current.isEmpty()) {
            return new WebhookSender.Response(0, null, null, 0, "the signing secret cannot be opened (master key changed?)");
        }
        StringBuilder signature = new StringBuilder(current.get().sign(messageId, timestamp, body));
        if (endpoint.sealedPreviousSecret() != null && endpoint.previousSecretUntil() != null
                && now.isBefore(endpoint.previousSecretUntil())) {
            open(endpoint.sealedPreviousSecret(), endpoint, true)
                    .ifPresent(p -> signature.append(' ').append(p.sign(messageId, timestamp, body)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Gatehouse-Webhooks/1");
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature.toString());
        return sender.send(checked.target(), headers, body, timeout);
    }

    /** Releases the sender's idle connections. */
    public void close() {
        sender.close();
    }

    private Optional<WebhookSecret> open(byte[] sealed, WebhookEndpoint endpoint, boolean previous) {
        if (sealed == null) {
            return Optional.empty();
        }
        String key = endpoint.id().text() + (previous ? "#previous" : "");
        Opened known = opened.get(key);
        if (known != null && Arrays.equals(known.sealed(), sealed)) {
            return Optional.of(known.secret());
        }
        Optional<WebhookSecret> secret = secrets.open(sealed, endpoint, previous);
        if (secret.isPresent()) {
            if (opened.size() >= MAX_OPENED) {
                opened.clear();
            }
            opened.put(key, new Opened(sealed.clone(), secret.get()));
        }
        return secret;
    }
}
