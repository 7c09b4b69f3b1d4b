package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.Invitations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Invitations} in {@code invitations}; the state is a status column plus its acceptance or revocation fields. */
final class JdbcInvitations implements Invitations {
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at", "updated_at",
            "expires_at", "expires_at", "email", "email");
    private static final String COLUMNS = "organization_id, email, role, token_hash, invited_by, status, accepted_by,"
            + " accepted_at, revoked_at, created_at, updated_at, sent_at, expires_at";

    private final Sql sql;

    JdbcInvitations(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(Invitation inv) {
        sql.update("INSERT INTO invitations (" + COLUMNS + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values(inv));
    }

    @Override
    public void update(Invitation inv) {
        sql.update("UPDATE invitations SET (" + COLUMNS + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?", values(inv));
    }

    @Override
    public Optional<Invitation> byId(OrganizationId organization, InvitationId id) {
        return sql.one("SELECT * FROM invitations WHERE organization_id = ? AND id = ?", InvitationRows::map,
                organization.value(), id.value());
    }

    @Override
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return sql.one("SELECT * FROM invitations WHERE token_hash = ?", InvitationRows::map, tokenHash);
    }

    @Override
    public Page<Invitation> list(OrganizationId organization, ListQuery q, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(organization.value());
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        JdbcLists.times(q, where, params);
        if (q.status() != null) {
            switch (q.status()) {
                case "pending" -> {
                    where.append(" AND status = 'pending' AND expires_at > ?");
                    params.add(now);
                }
                case "expired" -> {
                    where.append(" AND status = 'pending' AND expires_at <= ?");
                    params.add(now);
                }
                default -> {
                    where.append(" AND status = ?");
                    params.add(q.status());
                }
            }
        }
        Optional<String> search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        if (search.isPresent()) {
            where.append(" AND strpos(email, ?) > 0");
            params.add(search.get());
        }
        String order = JdbcLists.order(q, SORT_COLUMNS, "created_at DESC");
        return sql.run(c -> JdbcLists.page(c, "invitations", where, order, params, q.page(), InvitationRows::map));
    }

    /** The values of {@link #COLUMNS}, then the id. */
    private static Object[] values(Invitation inv) {
        UUID acceptedBy = null;
        Instant acceptedAt = null;
        Instant revokedAt = null;
        String status = "pending";
        if (inv.state() instanceof Invitation.Accepted a) {
            status = "accepted";
            acceptedBy = a.by().value();
            acceptedAt = a.at();
        } else if (inv.state() instanceof Invitation.Revoked r) {
            status = "revoked";
            revokedAt = r.at();
        }
        return new Object[]{inv.organizationId().value(), inv.email().value(), inv.role().relation(), inv.tokenHash(),
                inv.invitedBy() == null ? null : inv.invitedBy().value(), status, acceptedBy, acceptedAt, revokedAt,
                inv.createdAt(), inv.updatedAt(), inv.sentAt(), inv.expiresAt(), inv.id().value()};
    }

}
