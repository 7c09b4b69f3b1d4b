package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.Invitations;
import dev.gatehouse.core.tenancy.Role;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invitations (" + COLUMNS + ", id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, inv);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Invitation inv) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE invitations SET (" + COLUMNS + ")"
                    + " = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
                bind(ps, inv);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Invitation> byId(OrganizationId organization, InvitationId id) {
        return one("SELECT * FROM invitations WHERE organization_id = ? AND id = ?", organization.value(), id.value());
    }

    @Override
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return one("SELECT * FROM invitations WHERE token_hash = ?", tokenHash);
    }

    private Optional<Invitation> one(String query, Object... params) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromRow(rs)) : Optional.<Invitation>empty();
                }
            }
        });
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
        return sql.run(c -> {
            return JdbcLists.page(c, "invitations", where, order, params, q.page(), JdbcInvitations::fromRow);
        });
    }

    /** Binds {@link #COLUMNS} from index 1, then the id. */
    private static void bind(PreparedStatement ps, Invitation inv) throws SQLException {
        ps.setObject(1, inv.organizationId().value());
        ps.setString(2, inv.email().value());
        ps.setString(3, inv.role().relation());
        ps.setString(4, inv.tokenHash());
        ps.setObject(5, inv.invitedBy() == null ? null : inv.invitedBy().value());
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
        ps.setString(6, status);
        ps.setObject(7, acceptedBy);
        Sql.setInstant(ps, 8, acceptedAt);
        Sql.setInstant(ps, 9, revokedAt);
        Sql.setInstant(ps, 10, inv.createdAt());
        Sql.setInstant(ps, 11, inv.updatedAt());
        Sql.setInstant(ps, 12, inv.sentAt());
        Sql.setInstant(ps, 13, inv.expiresAt());
        ps.setObject(14, inv.id().value());
    }

    private static Invitation fromRow(ResultSet rs) throws SQLException {
        Invitation.State state = switch (rs.getString("status")) {
            case "accepted" -> new Invitation.Accepted(new UserId(rs.getObject("accepted_by", UUID.class)),
                    Sql.instant(rs, "accepted_at"));
            case "revoked" -> new Invitation.Revoked(Sql.instant(rs, "revoked_at"));
            default -> new Invitation.Pending();
        };
        UUID invitedBy = rs.getObject("invited_by", UUID.class);
        return new Invitation(new InvitationId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), new Email(rs.getString("email")),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), rs.getString("token_hash"),
                invitedBy == null ? null : new UserId(invitedBy), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "sent_at"), Sql.instant(rs, "expires_at"), state);
    }
}
