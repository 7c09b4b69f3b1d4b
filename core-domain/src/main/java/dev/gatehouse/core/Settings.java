package dev.gatehouse.core;

import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.tenancy.InvitationLinks;
import dev.gatehouse.core.webhooks.WebhookSettings;

import java.util.Objects;

/**
 * The values one Gatehouse is configured with (no behaviour of their own: the strategies, such as
 * the password hasher or the mailer, are {@link Gatehouse.Builder} settings). Start from
 * {@link #defaults()} and change what differs: {@code Settings.defaults().withUpgradeUrl("https://…")}.
 *
 * @param tokenIssuer        the {@code iss} of access tokens
 * @param sessionTokenIssuer the {@code iss} of session tokens
 * @param upgradeUrl         where {@code upgrade_url} points when a limit refuses
 * @param rateLimits         on/off and the session, admin and default tiers
 * @param audit              how long the audit trail keeps entries
 * @param webhooks           requests in flight, timeout, lease, disabling, batch of the webhook dispatcher
 * @param invitationLinks    where invitation links point
 * @param planCatalog        the plans and features
 */
public record Settings(String tokenIssuer, String sessionTokenIssuer, String upgradeUrl, RateLimiter.Settings rateLimits,
                       AuditTrail.Settings audit, WebhookSettings webhooks, InvitationLinks invitationLinks,
                       PlanCatalog planCatalog) {
    public Settings {
        Objects.requireNonNull(tokenIssuer, "tokenIssuer");
        Objects.requireNonNull(sessionTokenIssuer, "sessionTokenIssuer");
        Objects.requireNonNull(upgradeUrl, "upgradeUrl");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(invitationLinks, "invitationLinks");
        Objects.requireNonNull(planCatalog, "planCatalog");
    }

    /**
     * Issuer {@value Gatehouse#DEFAULT_TOKEN_ISSUER} for both kinds of token, upgrade URL
     * {@value Gatehouse#DEFAULT_UPGRADE_URL}, and each part's own defaults (the bundled plan catalog).
     */
    public static Settings defaults() {
        return new Settings(Gatehouse.DEFAULT_TOKEN_ISSUER, Gatehouse.DEFAULT_TOKEN_ISSUER, Gatehouse.DEFAULT_UPGRADE_URL,
                RateLimiter.Settings.defaults(), AuditTrail.Settings.defaults(), WebhookSettings.defaults(),
                InvitationLinks.defaults(), PlanCatalog.bundled());
    }

    public Settings withTokenIssuer(String tokenIssuer) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withSessionTokenIssuer(String sessionTokenIssuer) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withUpgradeUrl(String upgradeUrl) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withRateLimits(RateLimiter.Settings rateLimits) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withAudit(AuditTrail.Settings audit) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withWebhooks(WebhookSettings webhooks) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withInvitationLinks(InvitationLinks invitationLinks) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }

    public Settings withPlanCatalog(PlanCatalog planCatalog) {
        return new Settings(tokenIssuer, sessionTokenIssuer, upgradeUrl, rateLimits, audit, webhooks, invitationLinks, planCatalog);
    }
}
