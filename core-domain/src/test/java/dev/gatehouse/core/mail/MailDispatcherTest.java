package dev.gatehouse.core.mail;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryMailOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.SecureIdGenerator;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Mailer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailDispatcherTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryMailOutbox outbox = new MemoryMailOutbox(tx);
    private final SecretSealer sealer = SecretSealer.ephemeral();
    private final MailQueue queue = new MailQueue(outbox, sealer, clock, new SecureIdGenerator(clock));
    private final FakeTransport transport = new FakeTransport();
    private final MailSettings settings = new MailSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(2), 10);
    private final MailDispatcher dispatcher = new MailDispatcher(outbox, transport, sealer, clock, settings);

    static final class FakeTransport implements MailTransport {
        final List<Outgoing> sent = new ArrayList<>();
        boolean down;
        boolean permanent;

        @Override
        public void send(Outgoing mail) {
            if (down) {
                throw new Failure("connection refused", permanent, null);
            }
            sent.add(mail);
        }

        @Override
        public String name() {
            return "fake";
        }
    }

    @Test
    void theMailerSealsTheBodyAndTheDispatcherDeliversItOnce() {
        new OutboxMailer(queue, tx, "invitation").send(new Mailer.Message("ada@example.com", "Join Acme",
                "Accept: https://app.example/invitations/inv_secret-token\n\nThanks"));
        QueuedMail stored = outbox.list(MailQuery.all(), null, 10).items().get(0);
        String raw = new String(stored.sealed(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("secret-token").doesNotContain("Join Acme");
        assertThat(stored.toString()).doesNotContain("secret-token");

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(transport.sent).hasSize(1);
        var out = transport.sent.get(0);
        assertThat(out.to()).isEqualTo("ada@example.com");
        assertThat(out.messageId()).isEqualTo(stored.id());
        assertThat(out.content().text()).contains("https://app.example/invitations/inv_secret-token");
        assertThat(out.content().html()).contains("<a href=\"https://app.example/invitations/inv_secret-token\">");
        QueuedMail after = outbox.byId(stored.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(MailStatus.SENT);
        assertThat(after.via()).isEqualTo("fake");
    }

    @Test
    void aFailingTransportRetriesWithExponentialBackoffThenGivesUp() {
        MailId id = queue.enqueue("invitation", "bob@example.com", MailContent.fromText("s", "t"));
        transport.down = true;
        dispatcher.runOnce();
        QueuedMail first = outbox.byId(id).orElseThrow();
        assertThat(first.status()).isEqualTo(MailStatus.RETRYING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).isEqualTo("connection refused");
        assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(dispatcher.runOnce()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(30));
        dispatcher.runOnce();
        assertThat(outbox.byId(id).orElseThrow().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        dispatcher.runOnce();
        QueuedMail last = outbox.byId(id).orElseThrow();
        assertThat(last.status()).isEqualTo(MailStatus.FAILED);
        assertThat(last.attempts()).isEqualTo(3);
        clock.advance(Duration.ofDays(1));
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(transport.sent).isEmpty();
    }

    @Test
    void aServerThatComesBackDeliversTheDelayedMail() {
        MailId id = queue.enqueue("invitation", "bob@example.com", MailContent.fromText("s", "t"));
        transport.down = true;
        dispatcher.runOnce();
        transport.down = false;
        clock.advance(Duration.ofSeconds(30));
        dispatcher.runOnce();
        assertThat(outbox.byId(id).orElseThrow().status()).isEqualTo(MailStatus.SENT);
        assertThat(outbox.byId(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(transport.sent).hasSize(1);
    }

    @Test
    void aPermanentRefusalFailsAtOnce() {
        MailId id = queue.enqueue("invitation", "nobody@example.com", MailContent.fromText("s", "t"));
        transport.down = true;
        transport.permanent = true;
        dispatcher.runOnce();
        assertThat(outbox.byId(id).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
    }

    @Test
    void aDispatcherThatDiedAfterItsClaimLeavesTheMailToAnotherAfterTheLease() {
        MailId id = queue.enqueue("invitation", "carol@example.com", MailContent.fromText("s", "t"));
        outbox.claimDue(clock.instant(), clock.instant().plus(settings.lease()), 10); // claimed, then the process died
        assertThat(dispatcher.runOnce()).as("leased").isZero();
        clock.advance(settings.lease().plusSeconds(1));
        var restarted = new MailDispatcher(outbox, transport, sealer, clock, settings);
        assertThat(restarted.runOnce()).isEqualTo(1);
        assertThat(transport.sent).extracting(MailTransport.Outgoing::messageId).containsExactly(id);
    }

    @Test
    void mailSealedUnderAnotherKeyFailsWithoutBeingSent() {
        MailId id = queue.enqueue("invitation", "dan@example.com", MailContent.fromText("s", "t"));
        new MailDispatcher(outbox, transport, SecretSealer.ephemeral(), clock, settings).runOnce();
        assertThat(outbox.byId(id).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
        assertThat(transport.sent).isEmpty();
    }

    @Test
    void contentRoundTripsAndHtmlIsEscaped() {
        MailContent c = MailContent.fromText("Hi <b>", "Join \"<Acme>\" & co: https://x.example/a?b=1&c=2\n\nBye");
        assertThat(MailContent.decode(c.encode())).contains(c);
        assertThat(c.html()).contains("Join &quot;&lt;Acme&gt;&quot; &amp; co:")
                .contains("<a href=\"https://x.example/a?b=1&amp;c=2\">").contains("<p>Bye</p>");
        assertThat(MailContent.decode(new byte[]{9, 9})).isEmpty();
        assertThat(settings.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.delayAfter(20)).isEqualTo(Duration.ofMinutes(10));
    }
}
