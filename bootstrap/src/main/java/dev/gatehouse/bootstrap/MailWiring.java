package dev.gatehouse.bootstrap;

import dev.gatehouse.core.mail.ListMailDeliveries;
import dev.gatehouse.core.mail.LoggingMailTransport;
import dev.gatehouse.core.mail.MailDispatcher;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.mail.MailSettings;
import dev.gatehouse.core.mail.MailTransport;
import dev.gatehouse.core.mail.OutboxMailer;
import dev.gatehouse.core.mail.PurgeMail;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.MemoryMailOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Mailer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The mail feature (ADR 0029): the outbox (memory here, PostgreSQL in the adapter's
 * {@code PostgresMailStores}), the queue that seals and enqueues, the {@link Mailer} on it (replacing
 * {@link CoreWiring}'s logging mailer, so invitations go through the outbox), the transport (SMTP when
 * {@code GATEHOUSE_SMTP_HOST} is set, else the log) and the dispatcher {@link MailJobs} runs.
 */
@Factory
class MailWiring {
    private static final Logger LOG = LoggerFactory.getLogger(MailWiring.class);

    @Singleton
    @Requires(property = "gatehouse.store", value = "memory", defaultValue = "memory")
    MailOutbox memoryMailOutbox(MemoryTransactions tx) {
        return new MemoryMailOutbox(tx);
    }

    @Singleton
    MailQueue mailQueue(MailOutbox outbox, SecretSealer sealer, Clock clock, IdGenerator ids) {
        return new MailQueue(outbox, sealer, clock, ids);
    }

    /** Invitation mail (the port's only use) is enqueued in the outbox, in the invitation's transaction. */
    @Singleton
    @Replaces(bean = Mailer.class, factory = CoreWiring.class)
    Mailer outboxMailer(MailQueue queue, Transactions tx) {
        return new OutboxMailer(queue, tx, "invitation");
    }

    @Singleton
    ListMailDeliveries listMailDeliveries(MailOutbox outbox, Transactions tx) {
        return new ListMailDeliveries(outbox, tx);
    }

    @Singleton
    MailSettings mailSettings(@Property(name = "gatehouse.mail.max-attempts", defaultValue = "8") int maxAttempts,
                              @Property(name = "gatehouse.mail.retry-base", defaultValue = "30s") Duration retryBase,
                              @Property(name = "gatehouse.mail.retry-max", defaultValue = "1h") Duration retryMax,
                              @Property(name = "gatehouse.mail.lease", defaultValue = "10m") Duration lease) {
        return new MailSettings(maxAttempts, retryBase, retryMax, lease, MailSettings.defaults().batch());
    }

    /**
     * SMTP when {@code gatehouse.smtp.host} ({@code GATEHOUSE_SMTP_HOST}) is set, else the logging
     * transport (nothing is sent, the log says so). A bad setting stops the start with a message.
     */
    @Singleton
    MailTransport mailTransport(@Property(name = "gatehouse.smtp.host") @Nullable String host,
                                @Property(name = "gatehouse.smtp.port") @Nullable Integer port,
                                @Property(name = "gatehouse.smtp.username") @Nullable String username,
                                @Property(name = "gatehouse.smtp.password") @Nullable String password,
                                @Property(name = "gatehouse.smtp.from") @Nullable String from,
                                @Property(name = "gatehouse.smtp.tls") @Nullable String tls,
                                @Property(name = "gatehouse.smtp.timeout", defaultValue = "10s") Duration timeout,
                                @Property(name = "gatehouse.smtp.ssl-trust") @Nullable String trust) {
        if (host == null || host.isBlank()) {
            LOG.info("No SMTP server configured (GATEHOUSE_SMTP_HOST): mail is logged (recipient and subject), not delivered");
            return new LoggingMailTransport();
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("GATEHOUSE_SMTP_FROM is required with GATEHOUSE_SMTP_HOST");
        }
        var mode = SmtpMailTransport.Tls.parse(tls);
        String user = username == null || username.isBlank() ? null : username.strip();
        if (user != null && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("GATEHOUSE_SMTP_PASSWORD is required with GATEHOUSE_SMTP_USERNAME");
        }
        var settings = new SmtpMailTransport.Settings(host.strip(), port == null ? SmtpMailTransport.Settings.defaultPort(mode) : port,
                user, user == null ? null : password, SmtpMailTransport.Settings.address(from.strip()), mode, timeout,
                trust == null || trust.isBlank() ? null : trust.strip());
        if (mode == SmtpMailTransport.Tls.NONE) {
            LOG.warn("SMTP without TLS (GATEHOUSE_SMTP_TLS=none): mail and credentials travel in clear; for local relays only");
        }
        if (settings.trust() != null) {
            LOG.warn("SMTP certificates of {} are trusted without verification (gatehouse.smtp.ssl-trust): for tests only", settings.trust());
        }
        LOG.info("Mail is delivered over {}", settings);
        return new SmtpMailTransport(settings);
    }

    /**
     * Retention of sent and failed mail: {@code gatehouse.mail.retention-days} ({@code GATEHOUSE_MAIL_RETENTION_DAYS},
     * default 30, 0 keeps everything); {@link MailPurgeJob} runs it. A value that is not a number of days stops the start.
     */
    @Singleton
    PurgeMail purgeMail(MailOutbox outbox, Gatehouse gatehouse,
                        @Property(name = "gatehouse.mail.retention-days") @Nullable String retentionDays) {
        int days = PurgeMail.DEFAULT_RETENTION_DAYS;
        if (retentionDays != null && !retentionDays.isBlank()) {
            try {
                days = Integer.parseInt(retentionDays.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GATEHOUSE_MAIL_RETENTION_DAYS must be a number of days (0 keeps everything), not '"
                        + retentionDays + "'");
            }
        }
        var p = gatehouse.platform();
        try {
            return new PurgeMail(outbox, p.auditor(), p.transactions(), p.clock(), days);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_MAIL_RETENTION_DAYS " + e.getMessage());
        }
    }

    @Singleton
    MailDispatcher mailDispatcher(MailOutbox outbox, MailTransport transport, SecretSealer sealer, Clock clock, MailSettings settings) {
        return new MailDispatcher(outbox, transport, sealer, clock, settings);
    }
}
