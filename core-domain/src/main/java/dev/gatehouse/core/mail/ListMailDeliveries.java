package dev.gatehouse.core.mail;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

/**
 * The delivery status of mail, newest first, for platform admins: recipient, kind, status, attempts,
 * last error, never the content (it stays sealed). Continued with the last item's id as cursor.
 */
public record ListMailDeliveries(MailOutbox outbox, Transactions tx) {
    public static final int MAX_LIMIT = 100;

    public Result<CursorPage<QueuedMail>> handle(Caller caller, MailQuery query, String cursor, int limit) {
        if (!caller.principal().platformAdmin()) {
            return Result.fail(Failure.forbidden("Only platform admins read mail deliveries."));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        MailId before = null;
        if (cursor != null && !cursor.isBlank()) {
            var parsed = MailId.parse(cursor.strip());
            if (parsed.isEmpty()) {
                return Result.fail(Failure.invalid("cursor", "is not a cursor of this list"));
            }
            before = parsed.get();
        }
        MailId from = before;
        return Result.ok(tx.readOnly(() -> outbox.list(query, from, limit)));
    }
}
