package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Text;
import dev.gatehouse.core.shared.Transactions;

/**
 * Reads the audit trail. Platform admins read every organization's entries; organization-scoped
 * reading for organization admins arrives with tenancy and authorization.
 */
public final class ListAuditEvents {
    public static final int MAX_LIMIT = 100;

    public record Command(Caller caller, AuditQuery query, String cursor, int limit) {
    }

    private final AuditLog log;
    private final Transactions tx;

    public ListAuditEvents(AuditLog log, Transactions tx) {
        this.log = log;
        this.tx = tx;
    }

    public Result<CursorPage<AuditEvent>> handle(Command c) {
        if (!c.caller().principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Reading the audit trail needs the audit:read permission."));
        }
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
        return Result.ok(tx.readOnly(() -> log.find(c.query(), from, c.limit())));
    }
}
