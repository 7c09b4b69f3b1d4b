package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.approvals.ApprovalStores;
import dev.gatehouse.core.approvals.ApproverDirectory;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.notifications.NotificationLinks;
import dev.gatehouse.core.notifications.Notifier;
import dev.gatehouse.core.tenancy.TenancyStores;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Notification mail (ADR 0035): at start, hooks the {@link Notifier} into the recording of domain events,
 * so approval requests, their decisions and API keys' expiry warnings queue mail through the outbox in
 * the event's transaction. {@code GATEHOUSE_NOTIFICATIONS} ({@code gatehouse.notifications}) is {@code on}
 * or {@code off}; unset, it is on exactly when an SMTP server is configured ({@code GATEHOUSE_SMTP_HOST}).
 * The mails' one link starts with {@code GATEHOUSE_CONSOLE_URL} ({@code gatehouse.console.url}).
 */
@Context // built at start: no event may be recorded before the notifier listens, and a bad setting stops the start
class NotificationWiring {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationWiring.class);

    NotificationWiring(Gatehouse gatehouse, MailQueue queue, IdentityStores identity, TenancyStores tenancy, KeyStores keys,
                       ApprovalStores approvals, Authorizer authorizer,
                       @Property(name = "gatehouse.notifications") @Nullable String mode,
                       @Property(name = "gatehouse.smtp.host") @Nullable String smtpHost,
                       @Property(name = "gatehouse.console.url") @Nullable String consoleUrl) {
        NotificationLinks links = consoleUrl == null || consoleUrl.isBlank() ? NotificationLinks.defaults()
                : new NotificationLinks(consoleUrl.strip());
        if (!enabled(mode, smtpHost != null && !smtpHost.isBlank())) {
            LOG.info("Notification mail off (GATEHOUSE_NOTIFICATIONS{})", mode == null ? " unset and no SMTP server" : "=" + mode);
            return;
        }
        gatehouse.events().react(new Notifier(queue, new Notifier.Sources(identity.users(), tenancy.memberships(),
                tenancy.organizations(), approvals.accessRequests(), keys.apiKeys(), new ApproverDirectory(authorizer)), links));
        LOG.info("Notification mail on: approvals and API key expiry, links to {}", links.base());
    }

    /** {@code on}, {@code off}, or unset: on when mail really goes out (an SMTP server is configured). */
    static boolean enabled(String mode, boolean smtpConfigured) {
        if (mode == null || mode.isBlank()) {
            return smtpConfigured;
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("GATEHOUSE_NOTIFICATIONS must be on or off, not '" + mode + "'");
        };
    }
}
