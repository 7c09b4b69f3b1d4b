package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Text;
import dev.gatehouse.core.shared.Transactions;

/**
 * Reads the audit trail, newest first with a cursor. Platform admins read every organization's
 * entries; owners, admins and keys holding {@code audit:read} read their organization's
 * ({@link AuditAccess}).
 */
public record ListAuditEvents(AuditLog log, AuditAccess access, Transactions tx) {
    public static final int MAX_LIMIT = 100;

    public record Command(Caller caller, AuditQuery query, String cursor, int limit) {
    }

    public Result<CursorPage<AuditEvent>> handle(Command c) {
        // the filters are compared with stored text: control characters (NUL, which PostgreSQL cannot
        // even take as a parameter) are refused alike on every store and through every adapter
        var filters = new java.util.LinkedHashMap<String, String>();
        filters.put("actor", c.query().actor());
        filters.put("action", c.query().action());
        filters.put("resource", c.query().resource());
        filters.put("correlation_id", c.query().correlationId());
        var textErrors = new java.util.LinkedHashMap<String, java.util.List<String>>();
        filters.forEach((field, value) -> Text.singleLineProblem(value).ifPresent(p -> textErrors.put(field, java.util.List.of(p))));
        if (!textErrors.isEmpty()) {
            return Result.fail(Failure.invalid(textErrors));
        }
        if (c.limit() < 1 || c.limit() > MAX_LIMIT) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        EventId after = null;
        if (c.cursor() != null && !c.cursor().isBlank()) {
            var parsed = EventId.parse(c.cursor());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("cursor", "is not a cursor returned by this list"));
            }
            after = parsed.get();
        }
        if (c.query().since() != null && c.query().until() != null && !c.query().since().isBefore(c.query().until())) {
            return Result.fail(Failure.invalid("since", "must be before until"));
        }
        EventId from = after;
        if (log instanceof WriteBehindAuditLog queued) {
            queued.flush(); // this instance's queued entries first (ADR 30)
        }
        return tx.readOnly(() -> {
            var scoped = access.scope(c.caller(), c.query());
            if (!scoped.isOk()) {
                return Result.fail(scoped.failure());
            }
            return Result.ok(log.find(scoped.value(), from, c.limit()));
        });
    }
}
