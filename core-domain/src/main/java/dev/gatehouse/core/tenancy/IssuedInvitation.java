package dev.gatehouse.core.tenancy;

import java.util.Objects;

/** An invitation just created or re-sent, with its token and link: the only time either is available. */
public record IssuedInvitation(Invitation invitation, String token, String acceptUrl) {
    public IssuedInvitation {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(acceptUrl, "acceptUrl");
    }

    @Override
    public String toString() {
        return "IssuedInvitation[" + invitation.id() + "]"; // never the token
    }
}
