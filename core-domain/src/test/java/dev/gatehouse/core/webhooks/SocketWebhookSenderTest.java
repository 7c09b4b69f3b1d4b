package dev.gatehouse.core.webhooks;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket sender against a real local HTTP server: status, headers, redirects, excerpts, timeouts. */
class SocketWebhookSenderTest {
    private HttpServer server;
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicReference<String> seenHost = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final AtomicReference<String> seenSignature = new AtomicReference<>();
    private final SocketWebhookSender sender = new SocketWebhookSender();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> {
            seenHost.set(ex.getRequestHeaders().getFirst("Host"));
            seenSignature.set(ex.getRequestHeaders().getFirst("webhook-signature"));
            seenBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(ex, 204, new byte[0], Map.of());
        });
        server.createContext("/redirect", ex -> respond(ex, 302, new byte[0], Map.of("Location", "http://127.0.0.1:1/elsewhere")));
        server.createContext("/gone", ex -> respond(ex, 410, "bye".getBytes(StandardCharsets.UTF_8), Map.of()));
        server.createContext("/busy", ex -> respond(ex, 503, "later".getBytes(StandardCharsets.UTF_8), Map.of("Retry-After", "120")));
        server.createContext("/big", ex -> respond(ex, 500, "é".repeat(5000).getBytes(StandardCharsets.UTF_8), Map.of()));
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write("x".repeat(1000).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/hang", ex -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        ex.getRequestBody().readAllBytes();
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private WebhookSender.Response send(String path, Duration timeout) {
        int port = server.getAddress().getPort();
        UrlGuard.Target target = new UrlGuard.Target(URI.create("http://hooks.example.com:" + port + path + "?a=1"),
                "hooks.example.com", port, false, InetAddress.getLoopbackAddress());
        return sender.send(target, Map.of("webhook-signature", "v1,abc"), "{\"type\":\"x.y\"}".getBytes(StandardCharsets.UTF_8),
                timeout);
    }

    @Test
    void postsToTheCheckedAddressWithTheUrlsHost() {
        var r = send("/ok", Duration.ofSeconds(5));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.success()).isTrue();
        assertThat(seenHost.get()).isEqualTo("hooks.example.com:" + server.getAddress().getPort());
        assertThat(seenBody.get()).isEqualTo("{\"type\":\"x.y\"}");
        assertThat(seenSignature.get()).isEqualTo("v1,abc");
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        var r = send("/redirect", Duration.ofSeconds(5));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.success()).isFalse();
    }

    @Test
    void statusRetryAfterAndExcerpts() {
        assertThat(send("/gone", Duration.ofSeconds(5))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(410);
            assertThat(r.excerpt()).isEqualTo("bye");
        });
        assertThat(send("/busy", Duration.ofSeconds(5)).retryAfter()).isEqualTo(Duration.ofSeconds(120));
        var big = send("/big", Duration.ofSeconds(5));
        assertThat(big.excerpt().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(4090);
        assertThat(big.excerpt()).doesNotContain("\uFFFD");
        var chunked = send("/chunked", Duration.ofSeconds(5));
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.excerpt()).hasSize(4096);
    }

    @Test
    void aHangingEndpointTimesOut() {
        var r = send("/hang", Duration.ofMillis(300));
        assertThat(r.status()).isZero();
        assertThat(r.error()).contains("timed out");
        assertThat(r.durationMs()).isLessThan(5000);
    }

    @Test
    void aClosedPortIsAFailureNotAnException() {
        UrlGuard.Target target = new UrlGuard.Target(URI.create("http://127.0.0.1:9/x"), "127.0.0.1", 9, false,
                InetAddress.getLoopbackAddress());
        var r = sender.send(target, Map.of(), new byte[0], Duration.ofSeconds(2));
        assertThat(r.status()).isZero();
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(SocketWebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(SocketWebhookSender.retryAfter("soon")).isNull();
    }
}
