package dev.gatehouse.core.webhooks;

import java.time.Duration;
import java.util.Map;

/** Sends one signed POST to a checked target (the port; {@link SocketWebhookSender} in production, fakes in tests). */
public interface WebhookSender {
    /**
     * @param headers the request headers besides Host, Content-Length and Connection
     * @return the outcome; never throws for network trouble (that is a response with {@code status} 0 and an error)
     */
    Response send(UrlGuard.Target target, Map<String, String> headers, byte[] body, Duration timeout);

    /** Releases what the sender holds between requests (idle connections); it stays usable. */
    default void close() {
    }

    /**
     * {@code status} 0 when no HTTP status arrived ({@code error} says why); {@code retryAfter} from a
     * {@code Retry-After} header (seconds or HTTP date), null when absent; {@code excerpt} at most 4 KiB.
     */
    record Response(int status, String excerpt, Duration retryAfter, long durationMs, String error) {
        public boolean success() {
            return status >= 200 && status < 300;
        }
    }
}
