package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Organizations;

import java.time.Clock;
import java.time.Duration;

/**
 * The webhook feature wired once: its use cases ({@link ManageWebhooks}), the {@link WebhookDispatcher}
 * and its part of lifecycle cascades, from its ports ({@link WebhookStores}; the {@link WebhookSender}),
 * the SSRF {@link UrlGuard}, and what every feature shares ({@link Platform}).
 */
public record WebhookUseCases(ManageWebhooks manage, WebhookDispatcher dispatcher, WebhookCascade cascade) {
    /** How long the dispatcher sleeps without a wake-up. */
    public static final Duration IDLE = Duration.ofMillis(250);

    public static WebhookUseCases wire(WebhookStores stores, Platform platform, Organizations organizations,
                                       Entitlements entitlements, SecretSealer sealer, UrlGuard guard, WebhookSender sender,
                                       WebhookSettings settings) {
        WebhookEndpoints endpoints = stores.endpoints();
        WebhookDeliveries deliveries = stores.deliveries();
        Transactions tx = platform.transactions();
        Clock clock = platform.clock();
        IdGenerator ids = platform.ids();
        var announcer = new Announcer(platform.auditor(), platform.events());
        var secrets = new WebhookSecrets(sealer);
        var dispatcher = new WebhookDispatcher(endpoints, deliveries,
                new SignedSender(guard, secrets, sender, clock, settings.timeout()), RetrySchedule.standard(), settings,
                announcer, tx, clock, ids, IDLE);
        var manage = new ManageWebhooks(endpoints, deliveries, new WebhookAccess(organizations, platform.access()),
                secrets, guard, entitlements, announcer, tx, clock, ids, dispatcher);
        return new WebhookUseCases(manage, dispatcher, new WebhookCascade(endpoints, entitlements, announcer));
    }
}
