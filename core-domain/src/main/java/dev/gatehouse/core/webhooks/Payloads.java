package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.events.DomainEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Standard Webhooks body {@code {"type", "timestamp", "data"}} as compact JSON (JDK only). */
final class Payloads {
    private Payloads() {
    }

    static String of(DomainEvent e) {
        return of(e.type(), e.occurredAt(), e.data());
    }

    static String of(String type, Instant at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", at.toString());
        body.put("data", data);
        StringBuilder out = new StringBuilder(256);
        write(out, body);
        return out.toString();
    }

    static void write(StringBuilder out, Object v) {
        dev.gatehouse.core.shared.JsonText.write(out, v);
    }
}
