package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.ExportAuditEvents;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/audit-events/export}: encodes one entry at a time while the server
 * reads it, pulling the next slice from the store only when the previous one is written. NDJSON: one
 * {@code AuditEventView} per line. CSV (RFC 4180): a header, then one line per entry; {@code changes}
 * as JSON; a cell that a spreadsheet would take for a formula (starting with {@code = + - @} or a
 * tab or carriage return) gets a leading apostrophe, since actors control names and user agents.
 */
final class AuditExportStream extends InputStream {
    static final List<String> CSV_COLUMNS = List.of("id", "occurred_at", "actor_type", "actor_id", "action", "resource_type",
            "resource_id", "organization_id", "ip", "user_agent", "request_id", "correlation_id", "idempotency_key", "changes");

    private final Iterator<AuditEvent> events;
    private final ExportAuditEvents.Format format;
    private final ObjectMapper json;
    private byte[] chunk;
    private int position;

    AuditExportStream(Iterable<AuditEvent> events, ExportAuditEvents.Format format, ObjectMapper json) {
        this.events = events.iterator();
        this.format = format;
        this.json = json;
        this.chunk = format == ExportAuditEvents.Format.CSV ? line(CSV_COLUMNS) : new byte[0];
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length && fill()) {
            int n = Math.min(length - written, chunk.length - position);
            System.arraycopy(chunk, position, into, offset + written, n);
            position += n;
            written += n;
        }
        return written == 0 ? -1 : written;
    }

    /** Whether bytes are left, encoding the next entry when the current one is used up. */
    private boolean fill() {
        while (position == chunk.length) {
            if (!events.hasNext()) {
                return false;
            }
            chunk = encode(events.next());
            position = 0;
        }
        return true;
    }

    private byte[] encode(AuditEvent e) {
        var view = Dtos.AuditEventView.of(e);
        try {
            if (format == ExportAuditEvents.Format.NDJSON) {
                return (json.writeValueAsString(view) + "\n").getBytes(StandardCharsets.UTF_8);
            }
            return line(java.util.Arrays.asList(view.id(), view.occurredAt(), e.actorType(), e.actorId(), e.action(),
                    e.resourceType(), e.resourceId(), view.organizationId(), e.ip(), e.userAgent(), e.requestId(),
                    e.correlationId(), e.idempotencyKey(), json.writeValueAsString(changes(e))));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> changes(AuditEvent e) {
        return e.changes();
    }

    static byte[] line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
