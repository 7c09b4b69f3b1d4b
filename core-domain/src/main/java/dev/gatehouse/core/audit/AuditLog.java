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

    /**
     * One slice of an export: the entries matching {@code query}, oldest first (by id), after
     * {@code after} (exclusive; null for the oldest). An export reads slice by slice, so a range of any
     * size never sits in memory at once.
     *
     * @param limit 1..{@value ExportAuditEvents#MAX_SLICE}
     */
    java.util.List<AuditEvent> slice(AuditQuery query, EventId after, int limit);

    /**
     * Retention: deletes up to {@code limit} entries that occurred before {@code cutoff}, oldest
     * first, and says how many it deleted. The only deletion the trail allows; it commits on its own
     * (a background job's bulk statement, not part of a use case's transaction).
     */
    int purgeBefore(java.time.Instant cutoff, int limit);
}
