package dev.gatehouse.bootstrap;

import dev.gatehouse.core.webhooks.WebhookUseCases;
import dev.gatehouse.core.webhooks.WebhookSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the webhook dispatcher on every instance once the server is up (they share the work through
 * the store's claims) and stops it at shutdown. {@code gatehouse.webhooks.dispatcher=false}
 * ({@code GATEHOUSE_WEBHOOKS_DISPATCHER=off}) leaves an instance out of delivering.
 */
@Singleton
class WebhookJobs implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookJobs.class);
    private final WebhookUseCases webhooks;
    private final WebhookSettings settings;
    private final boolean enabled;

    WebhookJobs(WebhookUseCases webhooks, WebhookSettings settings, @Value("${gatehouse.webhooks.dispatcher:true}") boolean enabled) {
        this.webhooks = webhooks;
        this.settings = settings;
        this.enabled = enabled;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (enabled) {
            webhooks.dispatcher().start();
            LOG.info("Webhook dispatcher started ({} concurrent requests)", settings.concurrency());
        } else {
            LOG.info("Webhook dispatcher off on this instance");
        }
    }

    @PreDestroy
    void stop() {
        webhooks.dispatcher().close();
    }
}
