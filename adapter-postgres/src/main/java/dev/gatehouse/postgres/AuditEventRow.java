package dev.gatehouse.postgres;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code audit_events}; {@code changes} is the JSON text of the jsonb column (converted by
 * {@link AuditEventMapper}).
 */
@MappedEntity("audit_events")
record AuditEventRow(@Id UUID id, Instant occurredAt, String actorType, String actorId, String action,
                     String resourceType, @Nullable String resourceId, @Nullable UUID organizationId,
                     @Nullable String ip, @Nullable String userAgent, @Nullable String requestId,
                     @Nullable String correlationId, @Nullable String idempotencyKey,
                     @ColumnTransformer(write = "?::jsonb") String changes) {
}
