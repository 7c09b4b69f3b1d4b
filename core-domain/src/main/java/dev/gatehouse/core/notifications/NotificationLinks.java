package dev.gatehouse.core.notifications;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ApiKeyId;

import java.util.Objects;

/**
 * Where a notification's one link points: the console at {@code base} ({@code GATEHOUSE_CONSOLE_URL}),
 * followed by {@code access-requests/{id}} or {@code api-keys/{id}}. The default {@value #DEFAULT_BASE}
 * suits a local server; a product points it at its own console, which serves those two pages.
 */
public record NotificationLinks(String base) {
    public static final String DEFAULT_BASE = "http://localhost:8080/";

    public NotificationLinks {
        Objects.requireNonNull(base, "base");
        if (!base.startsWith("http://") && !base.startsWith("https://") || base.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("the console URL must be an http(s) URL without spaces: " + base);
        }
        base = base.endsWith("/") ? base : base + "/";
    }

    public static NotificationLinks defaults() {
        return new NotificationLinks(DEFAULT_BASE);
    }

    public String accessRequest(AccessRequestId id) {
        return base + "access-requests/" + id.text();
    }

    public String apiKey(ApiKeyId id) {
        return base + "api-keys/" + id.text();
    }
}
