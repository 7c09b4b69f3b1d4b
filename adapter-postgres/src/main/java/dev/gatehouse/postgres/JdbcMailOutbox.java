package dev.gatehouse.postgres;

import dev.gatehouse.core.mail.MailId;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.MailStatus;
import dev.gatehouse.core.mail.QueuedMail;
import dev.gatehouse.core.shared.CursorPage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link MailOutbox} in {@code mail_outbox}. {@link #claimDue} is one statement in its own transaction:
 * it leases up to n due rows picked {@code FOR UPDATE SKIP LOCKED}, so instances claiming at once take
 * disjoint rows, and a crashed dispatcher's rows come back when their lease runs out.
 */
final class JdbcMailOutbox extends JdbcTable<QueuedMail, MailId> implements MailOutbox {
    private static final String INSERT = insert("mail_outbox",
            "id, kind, recipient, sealed, status, attempts, next_attempt_at, lease_until, last_error, "
            + "created_at, updated_at, sent_at, via");

    JdbcMailOutbox(Sql sql) {
        super(sql, "mail_outbox", JdbcMailOutbox::map);
    }

    @Override
    public void enqueue(QueuedMail m) {
        sql.update(INSERT,
                m.id().value(), m.kind(), m.recipient(), m.sealed(), m.status().text(), m.attempts(), m.nextAttemptAt(),
                m.leaseUntil(), m.lastError(), m.createdAt(), m.updatedAt(), m.sentAt(), m.via());
    }

    @Override
    public List<QueuedMail> claimDue(Instant now, Instant leaseUntil, int limit) {
        return sql.inOwnTransaction(c -> Sql.query(c, "UPDATE mail_outbox m SET lease_until = ? WHERE m.id IN ("
                + "SELECT id FROM mail_outbox WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING m.*", JdbcMailOutbox::map, leaseUntil, now, now, limit))
                .stream().sorted(java.util.Comparator.comparing(QueuedMail::nextAttemptAt)).toList();
    }

    @Override
    public void record(QueuedMail m) {
        sql.update("UPDATE mail_outbox SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = ?, last_error = ?,"
                        + " updated_at = ?, sent_at = ?, via = ? WHERE id = ?",
                m.status().text(), m.attempts(), m.nextAttemptAt(), m.leaseUntil(), m.lastError(), m.updatedAt(), m.sentAt(), m.via(),
                m.id().value());
    }

    @Override
    public CursorPage<QueuedMail> list(MailQuery q, MailId before, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (q.status() != null) {
            where.append(" AND status = ?");
            params.add(q.status().text());
        }
        JdbcLists.filter(where, params, "lower(recipient) = lower(?)", q.recipient());
        JdbcLists.filter(where, params, "kind = ?", q.kind());
        return newestFirst(where, params, before, limit, QueuedMail::id);
    }

    @Override
    public long openCount() {
        return sql.one("SELECT count(*) AS n FROM mail_outbox WHERE status IN ('pending', 'retrying')", rs -> rs.getLong("n"))
                .orElse(0L);
    }

    private static QueuedMail map(ResultSet rs) throws SQLException {
        return new QueuedMail(new MailId(rs.getObject("id", UUID.class)), rs.getString("kind"), rs.getString("recipient"),
                rs.getBytes("sealed"), MailStatus.parse(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "lease_until"), rs.getString("last_error"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "sent_at"), rs.getString("via"));
    }

    @Override
    public int purgeEndedBefore(Instant before, int limit) {
        return sql.inOwnLongTransaction(c -> Sql.update(c, "DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox "
                + "WHERE status IN ('sent', 'failed') AND updated_at < ? ORDER BY updated_at LIMIT ?)", before, limit));
    }
}
