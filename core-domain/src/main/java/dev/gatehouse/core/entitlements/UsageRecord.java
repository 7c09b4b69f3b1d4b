package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One recorded use of a feature, with the caller's metadata; kept for reporting and reconciliation. */
public record UsageRecord(UUID id, OrganizationId organization, String feature, long quantity, Map<String, Object> metadata,
                          String recordedBy, Instant recordedAt) {
    public UsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(recordedAt, "recordedAt");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
