package dev.gatehouse.core.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit and event data of a key (never its secret or hash); callers add the event's own fields. */
public final class KeyEventData {
    private KeyEventData() {
    }

    public static Map<String, Object> of(ApiKey k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("api_key_id", k.id().text());
        d.put("organization_id", k.organizationId().text());
        k.project().ifPresent(p -> d.put("project_id", p.text()));
        k.environment().ifPresent(e -> d.put("environment_id", e.text()));
        d.put("name", k.name());
        d.put("prefix", k.prefix());
        d.put("scopes", List.copyOf(k.scopes()));
        k.expiry().ifPresent(e -> d.put("expires_at", e.toString()));
        d.put("status", k.status().wire());
        return d;
    }
}
