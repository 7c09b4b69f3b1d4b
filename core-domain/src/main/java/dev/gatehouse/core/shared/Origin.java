package dev.gatehouse.core.shared;

/**
 * Where a call came from, recorded with audit events: client ip, user agent, request id (also the
 * correlation id unless the client sent one) and the idempotency key. Every field may be null for
 * calls that do not come over HTTP.
 */
public record Origin(String ip, String userAgent, String requestId, String correlationId, String idempotencyKey) {
    public static Origin none() {
        return new Origin(null, null, null, null, null);
    }
}
