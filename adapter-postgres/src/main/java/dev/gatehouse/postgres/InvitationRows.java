package dev.gatehouse.postgres;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** The row mapper of {@code invitations}: the state is the status column plus its acceptance or revocation fields. */
final class InvitationRows {
    private InvitationRows() {
    }

    static Invitation map(ResultSet rs) throws SQLException {
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
