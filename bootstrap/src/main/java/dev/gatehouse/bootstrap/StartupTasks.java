package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.KeyStores;
import dev.gatehouse.core.keys.KeyUseCases;
import dev.gatehouse.core.shared.ReadinessCheck;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * At start: say loudly when nothing is persisted, start hearing other instances' API key
 * revocations, make sure a signing key exists, and create the
 * first platform admin when there are no users (printing a generated password once, to the console
 * only, never to the log). Until that is done, {@code /readyz} reports the check {@code startup} down:
 * the HTTP server answers before the first admin's password is hashed, but it is not ready until a
 * login with it can succeed.
 */
@Singleton
class StartupTasks implements ApplicationEventListener<StartupEvent>, ReadinessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);
    static final String DEFAULT_ADMIN_EMAIL = "admin@gatehouse.local";

    private final Gatehouse gatehouse;
    private final KeyStores keyStores;
    private final KeyUseCases keys;
    private final String store;
    private final String adminEmail;
    private final String adminPassword;
    private final PrintStream console;

    StartupTasks(Gatehouse gatehouse, KeyStores keyStores, KeyUseCases keys,
                 @Value("${gatehouse.store:memory}") String store,
                 @Value("${gatehouse.admin.email:}") String adminEmail,
                 @Value("${gatehouse.admin.password:}") String adminPassword) {
        this.gatehouse = gatehouse;
        this.keyStores = keyStores;
        this.keys = keys;
        this.store = store;
        this.adminEmail = adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail;
        this.adminPassword = adminPassword;
        this.console = System.out;
    }

    private volatile CompletableFuture<Void> completion = CompletableFuture.completedFuture(null);

    /**
     * Completes when the slow start-up work (hashing the first admin's password) is done. It runs beside the HTTP server's start; {@link GatehouseServer} waits for it
     * before announcing the server, and a failure (bad admin configuration) stops the start.
     */
    CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Status check() {
        CompletableFuture<Void> c = completion;
        if (!c.isDone()) {
            return Status.down("creating the first platform admin");
        }
        return c.isCompletedExceptionally() ? Status.down("failed") : Status.up("done");
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if ("memory".equals(store)) {
            LOG.warn("""
                    ************************************************************************
                    * EMBEDDED MODE: all data is held in memory and is LOST when this     *
                    * process stops. Set GATEHOUSE_DATABASE_URL to persist to PostgreSQL. *
                    ************************************************************************""");
        } else {
            LOG.info("Stores: PostgreSQL (migrations applied)");
        }
        // Other instances' API key revocations (PostgreSQL LISTEN/NOTIFY) reach this one's cache.
        keyStores.revocations().deliverTo(keys.apiKeyCache());
        var key = gatehouse.tokens().instanceKeys().current().key();
        LOG.info("Session signing key {}", key.id());
        completion = CompletableFuture.runAsync(this::createFirstAdmin, StartupTasks::background);
        // Not awaited: until it is done, the first login for an unknown email computes it.
        completion.thenRunAsync(() -> gatehouse.identity().authenticateUser().warmUp(), StartupTasks::background);
    }

    private static void background(Runnable work) {
        Thread t = new Thread(work, "gatehouse-startup");
        t.setDaemon(true);
        t.start();
    }

    private void createFirstAdmin() {
        var result = gatehouse.identity().ensureInitialAdmin().handle(adminEmail, adminPassword);
        if (!result.isOk()) {
            throw new IllegalStateException("Cannot create the first admin: " + result.failure().fieldErrors()
                    + " (check GATEHOUSE_ADMIN_EMAIL / GATEHOUSE_ADMIN_PASSWORD)");
        }
        result.value().ifPresent(created -> {
            LOG.info("Created the first platform admin {}", created.admin().email());
            created.generatedPassword().ifPresent(pw -> console.printf(
                    "%n  First platform admin: %s%n  Generated password (shown once): %s%n"
                            + "  Set GATEHOUSE_ADMIN_PASSWORD to choose it yourself.%n%n", created.admin().email(), pw));
        });
    }
}
