package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook services alone: sealing secrets and signing a send, with no use case or store. */
class WebhookServicesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final WebhookSecrets secrets = new WebhookSecrets(new SecretSealer(new byte[SecretSealer.KEY_BYTES]));
    private final List<Map<String, String>> sent = new ArrayList<>();
    private final WebhookSender fake = (target, headers, body, timeout) -> {
        sent.add(Map.copyOf(headers));
        return new WebhookSender.Response(204, "", null, 1, null);
    };

    private WebhookEndpoint endpoint(String url) {
        Instant now = clock.instant();
        return new WebhookEndpoint(new WebhookId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()), url, List.of("*"),
                null, true, new byte[0], null, null, null, null, 0, 0, 0, null, now, now);
    }

    @Test
    void aSealedSecretOpensOnlyForItsEndpointAndSlot() {
        WebhookSecret secret = WebhookSecret.parse("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])).orElseThrow();
        WebhookEndpoint e = endpoint("https://hooks.example.com/in");
        byte[] sealed = secrets.seal(secret, e, false);
        assertThat(secrets.open(sealed, e, false)).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo(secret.reveal()));
        assertThat(secrets.open(sealed, e, true)).as("the previous slot").isEmpty();
        assertThat(secrets.open(sealed, endpoint("https://hooks.example.com/in"), false)).as("another endpoint").isEmpty();
        assertThat(secrets.open(null, e, false)).isEmpty();
    }

    @Test
    void aSendIsSignedWithTheCurrentAndDuringGraceThePreviousSecret() {
        WebhookSecret current = WebhookSecret.parse("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])).orElseThrow();
        byte[] other = new byte[32];
        other[0] = 1;
        WebhookSecret previous = WebhookSecret.ofKey(other);
        WebhookEndpoint draft = endpoint("https://hooks.example.com/in");
        Instant now = clock.instant();
        WebhookEndpoint e = draft.withSecrets(secrets.seal(current, draft, false), secrets.seal(previous, draft, true),
                now.plus(Duration.ofHours(1)), now);
        var sender = new SignedSender(new UrlGuard(false, List.of(), WebhooksTest::resolve), secrets, fake, clock,
                Duration.ofSeconds(5));
        assertThat(sender.send(e, "msg_1", "{}").success()).isTrue();
        String ts = Long.toString(now.getEpochSecond());
        assertThat(sent.get(0)).containsEntry("webhook-id", "msg_1").containsEntry("webhook-timestamp", ts)
                .containsEntry("webhook-signature", current.sign("msg_1", now.getEpochSecond(), "{}") + " "
                        + previous.sign("msg_1", now.getEpochSecond(), "{}"));
        clock.advance(Duration.ofHours(1));
        sender.send(e, "msg_2", "{}");
        assertThat(sent.get(1).get("webhook-signature")).isEqualTo(current.sign("msg_2", clock.instant().getEpochSecond(), "{}"));
    }

    @Test
    void aUrlThatNowResolvesInsideIsRefusedBeforeAnyByteLeaves() {
        WebhookEndpoint draft = endpoint("https://internal.example/in");
        var sender = new SignedSender(new UrlGuard(false, List.of(), WebhooksTest::resolve), secrets, fake, clock,
                Duration.ofSeconds(5));
        var r = sender.send(draft, "msg_1", "{}");
        assertThat(r.status()).isZero();
        assertThat(r.error()).startsWith("refused");
        assertThat(sent).isEmpty();
    }
}
