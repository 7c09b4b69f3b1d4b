package dev.gatehouse.core.audit;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Exports a time range of the trail, oldest first, to whoever may read it ({@link AuditAccess}). The
 * export is read slice by slice ({@value #SLICE} entries per read-only transaction) while the caller
 * consumes it, so its size is bounded by nothing but the range. The range is fixed when the export
 * starts: {@code until} defaults to now (and never lies in the future), so entries written meanwhile,
 * this export's own {@code audit.exported} entry among them, are not part of it.
 */
public final class ExportAuditEvents {
    /** Entries read per transaction. */
    public static final int SLICE = 500;
    /** The largest slice a store is asked for. */
    public static final int MAX_SLICE = 1000;

    /** The formats the HTTP adapter writes. */
    public enum Format {
        NDJSON, CSV;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Command(Caller caller, AuditQuery query, Format format) {
    }

    /** The entries of an export, read lazily; iterate it once. */
    public interface Export extends Iterable<AuditEvent> {
        /** The range and filters as fixed at the start (organization included). */
        AuditQuery query();
    }

    private final AuditLog log;
    private final AuditAccess access;
    private final Auditor auditor;
    private final Transactions tx;
    private final Clock clock;
    private final int slice;

    ExportAuditEvents(AuditLog log, AuditAccess access, Auditor auditor, Transactions tx, Clock clock, int slice) {
        if (slice < 1 || slice > MAX_SLICE) {
            throw new IllegalArgumentException("slice must be 1.." + MAX_SLICE);
        }
        this.log = log;
        this.access = access;
        this.auditor = auditor;
        this.tx = tx;
        this.clock = clock;
        this.slice = slice;
    }

    public Result<Export> handle(Command c) {
        Instant now = clock.instant();
        AuditQuery q = c.query();
        Instant until = q.until() == null || q.until().isAfter(now) ? now : q.until();
        if (q.since() != null && !q.since().isBefore(until)) {
            return Result.fail(Failure.invalid("since", "must be before until (and before now)"));
        }
        AuditQuery fixed = new AuditQuery(q.organizationId(), q.actor(), q.action(), q.resource(), q.correlationId(),
                q.since(), until);
        return tx.inTransaction(() -> {
            var scoped = access.scope(c.caller(), fixed);
            if (!scoped.isOk()) {
                return Result.fail(scoped.failure());
            }
            AuditQuery range = scoped.value();
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("format", c.format().text());
            changes.put("since", range.since() == null ? null : range.since().toString());
            changes.put("until", range.until().toString());
            putIfSet(changes, "actor", range.actor());
            putIfSet(changes, "action", range.action());
            putIfSet(changes, "resource", range.resource());
            putIfSet(changes, "correlation_id", range.correlationId());
            auditor.record(c.caller(), "audit.exported", "audit_trail", null, range.organizationId(), changes);
            return Result.ok(new LazyExport(range));
        });
    }

    private static void putIfSet(Map<String, Object> into, String key, String value) {
        if (value != null) {
            into.put(key, value);
        }
    }

    private final class LazyExport implements Export {
        private final AuditQuery query;

        LazyExport(AuditQuery query) {
            this.query = query;
        }

        @Override
        public AuditQuery query() {
            return query;
        }

        @Override
        public Iterator<AuditEvent> iterator() {
            return new Iterator<>() {
                private List<AuditEvent> current = List.of();
                private int next;
                private EventId after;
                private boolean exhausted;

                @Override
                public boolean hasNext() {
                    if (next < current.size()) {
                        return true;
                    }
                    if (exhausted) {
                        return false;
                    }
                    EventId from = after;
                    current = tx.readOnly(() -> log.slice(query, from, slice));
                    next = 0;
                    exhausted = current.size() < slice;
                    if (!current.isEmpty()) {
                        after = current.get(current.size() - 1).id();
                    }
                    return !current.isEmpty();
                }

                @Override
                public AuditEvent next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.get(next++);
                }
            };
        }
    }
}
