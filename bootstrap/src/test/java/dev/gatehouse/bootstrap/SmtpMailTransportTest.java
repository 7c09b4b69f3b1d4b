package dev.gatehouse.bootstrap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.core.mail.MailContent;
import dev.gatehouse.core.mail.MailDispatcher;
import dev.gatehouse.core.mail.MailId;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.mail.MailSettings;
import dev.gatehouse.core.mail.MailStatus;
import dev.gatehouse.core.mail.MailTransport;
import dev.gatehouse.core.memory.MemoryMailOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMTP transport against a real SMTP server (GreenMail) started by the test: the received message,
 * its headers, both parts and the link; AUTH; implicit TLS; STARTTLS that the server does not offer is
 * refused rather than sent in clear; and, through the dispatcher, a server that is down delays mail
 * that a later working server (and a restarted dispatcher) delivers.
 */
class SmtpMailTransportTest {
    private static final String LINK = "https://app.example.com/invitations/inv_tok_3Fz9QwErTy";
    private final List<GreenMail> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(GreenMail::stop);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private GreenMail start(int port, String protocol, GreenMailConfiguration config) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000); // a busy machine generates the TLS key slowly
        GreenMail mail = new GreenMail(setup);
        if (config != null) {
            mail.withConfiguration(config);
        }
        mail.start();
        servers.add(mail);
        return mail;
    }

    private static SmtpMailTransport transport(int port, SmtpMailTransport.Tls tls, String user, String password, String trust) {
        return new SmtpMailTransport(new SmtpMailTransport.Settings("127.0.0.1", port, user, password,
                SmtpMailTransport.Settings.address("Gatehouse <noreply@gatehouse.example>"), tls, Duration.ofSeconds(5), trust));
    }

    private static MailTransport.Outgoing invitation(MailId id) {
        return new MailTransport.Outgoing(id, "nina@example.com", MailContent.fromText("You are invited to join Acme & Co",
                "You have been invited to join Acme & Co as member.\n\nAccept the invitation: " + LINK + "\n"));
    }

    @Test
    void deliversAMultipartMessageWithItsHeadersPartsAndLinkAfterAuthenticating() throws Exception {
        int port = freePort();
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTP,
                GreenMailConfiguration.aConfig().withUser("relay@gatehouse.example", "relay", "relay secret"));
        MailId id = new MailId(UUID.randomUUID());
        transport(port, SmtpMailTransport.Tls.NONE, "relay", "relay secret", null).send(invitation(id));

        assertThat(server.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = server.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("You are invited to join Acme & Co");
        assertThat(received.getHeader("From")[0]).isEqualTo("Gatehouse <noreply@gatehouse.example>");
        assertThat(received.getHeader("To")[0]).isEqualTo("nina@example.com");
        assertThat(received.getHeader("Message-ID")[0]).isEqualTo("<" + id.text() + "@gatehouse.example>");
        assertThat(received.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").contains("UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Accept the invitation: " + LINK);
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<a href=\"" + LINK + "\">")
                .contains("Acme &amp; Co");
    }

    @Test
    void aWrongPasswordIsAFailureToRetry() throws Exception {
        int port = freePort();
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTP,
                GreenMailConfiguration.aConfig().withUser("relay@gatehouse.example", "relay", "relay secret"));
        var transport = transport(port, SmtpMailTransport.Tls.NONE, "relay", "not the secret", null);
        assertThatThrownBy(() -> transport.send(invitation(new MailId(UUID.randomUUID()))))
                .isInstanceOfSatisfying(MailTransport.Failure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.getMessage()).doesNotContain("not the secret");
                });
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsIsRequiredNotOpportunistic() throws Exception {
        int port = freePort();
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTP, null); // offers no STARTTLS
        var transport = transport(port, SmtpMailTransport.Tls.STARTTLS, null, null, null);
        assertThatThrownBy(() -> transport.send(invitation(new MailId(UUID.randomUUID()))))
                .isInstanceOf(MailTransport.Failure.class).hasMessageContaining("STARTTLS");
        assertThat(server.getReceivedMessages()).as("never sent in clear").isEmpty();
    }

    @Test
    void implicitTlsDeliversOverSmtps() throws Exception {
        int port = freePort();
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTPS, null);
        transport(port, SmtpMailTransport.Tls.IMPLICIT, null, null, "127.0.0.1").send(invitation(new MailId(UUID.randomUUID())));
        assertThat(server.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("You are invited to join Acme & Co");
    }

    @Test
    void implicitTlsRefusesAnUntrustedCertificate() throws Exception {
        int port = freePort();
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTPS, null); // a self-signed certificate
        var transport = transport(port, SmtpMailTransport.Tls.IMPLICIT, null, null, null);
        assertThatThrownBy(() -> transport.send(invitation(new MailId(UUID.randomUUID())))).isInstanceOf(MailTransport.Failure.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    @Test
    void mailWaitsForAServerThatIsDownAndSurvivesARestartedDispatcher() throws Exception {
        int port = freePort(); // nothing listens yet
        MovingClock clock = new MovingClock();
        MemoryMailOutbox outbox = new MemoryMailOutbox(new MemoryTransactions());
        SecretSealer sealer = SecretSealer.ephemeral();
        MailQueue queue = new MailQueue(outbox, sealer, clock, new SecureIdGenerator(clock));
        MailSettings settings = new MailSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2), 5);
        var smtp = transport(port, SmtpMailTransport.Tls.NONE, null, null, null);

        MailId first = queue.enqueue("invitation", "nina@example.com", MailContent.fromText("First", "Accept: " + LINK));
        new MailDispatcher(outbox, smtp, sealer, clock, settings).runOnce();
        var delayed = outbox.byId(first).orElseThrow();
        assertThat(delayed.status()).isEqualTo(MailStatus.RETRYING);
        assertThat(delayed.attempts()).isEqualTo(1);
        assertThat(delayed.lastError()).contains("Connect");

        MailId second = queue.enqueue("invitation", "omar@example.com", MailContent.fromText("Second", "Accept: " + LINK));
        outbox.claimDue(clock.instant(), clock.instant().plus(settings.lease()), 5); // a dispatcher claims, then dies
        GreenMail server = start(port, ServerSetup.PROTOCOL_SMTP, null);
        clock.advance(settings.lease().plusSeconds(1));
        var restarted = new MailDispatcher(outbox, smtp, sealer, clock, settings);
        assertThat(restarted.drain()).isEqualTo(2);

        assertThat(server.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder("First", "Second");
        assertThat(outbox.byId(first).orElseThrow().status()).isEqualTo(MailStatus.SENT);
        assertThat(outbox.byId(first).orElseThrow().attempts()).isEqualTo(2);
        assertThat(outbox.byId(second).orElseThrow().status()).isEqualTo(MailStatus.SENT);
        assertThat(outbox.openCount()).isZero();
    }
}
