package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.memory.MemorySignUpStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.signup.SignUpSettings;
import dev.gatehouse.core.signup.SignUpStores;
import dev.gatehouse.core.signup.SignUpUseCases;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The open sign-up feature (ADR 0034): its store (memory here, PostgreSQL in the adapter's
 * {@code PostgresSignUpStores}), its settings and its use cases over the Gatehouse's platform, the
 * users and the mail queue. {@code gatehouse.signup} ({@code GATEHOUSE_SIGNUP}) is {@code invite}
 * (default) or {@code open}; anything else stops the start.
 */
@Factory
class SignUpWiring {
    private static final Logger LOG = LoggerFactory.getLogger(SignUpWiring.class);
    static final String MODE_PROPERTY = "gatehouse.signup";

    @Singleton
    @Requires(property = "gatehouse.store", value = "memory", defaultValue = "memory")
    SignUpStores memorySignUpStores(MemoryTransactions tx) {
        return MemorySignUpStores.create(tx);
    }

    @Singleton
    SignUpSettings signUpSettings(@Property(name = MODE_PROPERTY) @Nullable String mode,
                                  @Property(name = "gatehouse.email-verification.url-base") @Nullable String urlBase,
                                  @Property(name = "gatehouse.email-verification.ttl", defaultValue = "24h") Duration ttl) {
        var parsed = mode == null || mode.isBlank() ? java.util.Optional.of(SignUpSettings.Mode.INVITE) : SignUpSettings.Mode.parse(mode);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("GATEHOUSE_SIGNUP must be invite or open, not '" + mode + "'");
        }
        String base = urlBase == null || urlBase.isBlank() ? SignUpSettings.DEFAULT_LINK_BASE : urlBase.strip();
        SignUpSettings settings;
        try {
            settings = new SignUpSettings(parsed.get(), base, ttl, SignUpSettings.DEFAULT_MAIL_EVERY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_EMAIL_VERIFICATION_URL_BASE / _TTL: " + e.getMessage());
        }
        if (settings.mode() == SignUpSettings.Mode.OPEN) {
            LOG.info("Open sign-up (GATEHOUSE_SIGNUP=open): anyone may create an account, verified by a link to {}…", base);
        }
        return settings;
    }

    @Singleton
    SignUpUseCases signUpUseCases(SignUpStores stores, Gatehouse gatehouse, IdentityStores identityStores, PasswordHasher hasher,
                                  MailQueue mail, SignUpSettings settings) {
        return SignUpUseCases.wire(stores, gatehouse.platform(), identityStores.users(), hasher, mail, settings);
    }
}
