package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;

import java.util.Optional;

/**
 * The audit trail: append-only. Nothing updates or deletes an entry. Reads go newest first; the
 * cursor is the id of the last entry of the previous slice (ids are time-ordered).
 */
public interface AuditLog {
    void append(AuditEvent event);

    /**
     * @param after the last id already seen (exclusive), or null for the newest entries
     * @param limit 1..100
     */
    CursorPage<AuditEvent> find(AuditQuery query, EventId after, int limit);

    Optional<AuditEvent> byId(EventId id);
}
