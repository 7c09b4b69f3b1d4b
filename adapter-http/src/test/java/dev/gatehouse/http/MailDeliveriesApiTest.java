package dev.gatehouse.http;

import dev.gatehouse.core.mail.MailContent;
import dev.gatehouse.core.mail.MailId;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.mail.MailStatus;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/mail/deliveries}: platform admins only, filters and cursor, never the content or its link. */
@MicronautTest
class MailDeliveriesApiTest extends ApiTestBase {
    private static final String LINK = "https://app.example.com/invitations/inv_SECRET_TOKEN_123";

    @Inject
    MailOutbox outbox;

    String admin;
    String recipient;
    MailId failed;

    @BeforeAll
    void setUp() {
        admin = api.adminToken();
        recipient = "mail-" + UUID.randomUUID() + "@example.com";
        var p = gatehouse.platform();
        // ids one millisecond apart, so "newest first" is a defined order even when the four are queued within one millisecond
        var base = p.clock().millis();
        var sequence = new java.util.concurrent.atomic.AtomicLong();
        dev.gatehouse.core.shared.IdGenerator ordered = new dev.gatehouse.core.shared.IdGenerator() {
            @Override
            public UUID newId() {
                UUID random = p.ids().newId();
                return new UUID(((base + sequence.incrementAndGet()) << 16) | (random.getMostSignificantBits() & 0xffffL),
                        random.getLeastSignificantBits());
            }

            @Override
            public byte[] randomBytes(int count) {
                return p.ids().randomBytes(count);
            }
        };
        MailQueue queue = new MailQueue(outbox, SecretSealer.ephemeral(), p.clock(), ordered);
        for (int i = 0; i < 3; i++) {
            queue.enqueue("invitation", recipient, MailContent.fromText("Secret subject " + i, "Accept: " + LINK));
        }
        failed = queue.enqueue("invitation", recipient.toUpperCase(java.util.Locale.ROOT), MailContent.fromText("s", LINK));
        var m = outbox.byId(failed).orElseThrow();
        outbox.record(m.failedAttempt(p.clock().instant(), "550 mailbox unavailable", null));
    }

    @Test
    void platformAdminsPageThroughDeliveriesWithoutTheirContent() {
        var first = api.get("/api/v1/mail/deliveries?limit=2&recipient=" + recipient, admin);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var data = first.json().path("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.get(0).path("id").asText()).isEqualTo(failed.text());
        assertThat(data.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(data.get(0).path("last_error").asText()).isEqualTo("550 mailbox unavailable");
        assertThat(data.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(data.get(1).path("status").asText()).isEqualTo("pending");
        assertThat(data.get(1).path("kind").asText()).isEqualTo("invitation");
        assertThat(data.get(1).path("next_attempt_at").asText()).endsWith("Z");
        String cursor = first.json().at("/meta/next_cursor").asText();
        assertThat(first.json().at("/links/next").asText()).contains("cursor=" + cursor).contains("recipient=");

        var second = api.get("/api/v1/mail/deliveries?limit=2&recipient=" + recipient + "&cursor=" + cursor, admin);
        assertThat(second.json().path("data").size()).isEqualTo(2);
        assertThat(second.json().at("/meta/next_cursor").isNull()).isTrue();
        for (var r : new Api.Response[]{first, second}) {
            assertThat(r.body()).doesNotContain("SECRET_TOKEN").doesNotContain("Secret subject").doesNotContain("sealed");
        }

        var onlyFailed = api.get("/api/v1/mail/deliveries?status=failed&recipient=" + recipient, admin).json().path("data");
        assertThat(onlyFailed.size()).isEqualTo(1);
        assertThat(outbox.byId(failed).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
    }

    @Test
    void badFiltersAreClearClientErrors() {
        ErrorResponsesTest.assertProblem(api.get("/api/v1/mail/deliveries?status=lost", admin), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/mail/deliveries?cursor=nope", admin), 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/mail/deliveries?limit=0", admin), 422, "validation_failed");
    }

    @Test
    void onlyPlatformAdminsReadThem() {
        var org = tenants.org();
        ErrorResponsesTest.assertProblem(api.get("/api/v1/mail/deliveries", org.owner().token()), 403, "access_denied");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/mail/deliveries", null), 401, "unauthorized");
    }
}
