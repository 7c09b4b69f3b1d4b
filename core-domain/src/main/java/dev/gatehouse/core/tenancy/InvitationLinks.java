package dev.gatehouse.core.tenancy;

import java.util.Objects;

/**
 * Where an invitation's {@code accept_url} points: {@code base} followed by the token. The default
 * {@value #DEFAULT_BASE} suits a local server; a product sets its own page, which then calls
 * {@code POST /api/v1/invitations/{token}/accept} for the signed-in user.
 */
public record InvitationLinks(String base) {
    public static final String DEFAULT_BASE = "http://localhost:8080/invitations/";

    public InvitationLinks {
        Objects.requireNonNull(base, "base");
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("invitation links must be http(s) URLs: " + base);
        }
    }

    public static InvitationLinks defaults() {
        return new InvitationLinks(DEFAULT_BASE);
    }

    public String acceptUrl(String token) {
        return base + token;
    }
}
