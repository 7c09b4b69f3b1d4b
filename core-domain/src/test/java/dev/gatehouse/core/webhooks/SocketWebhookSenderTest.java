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
    private final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SocketWebhookSender sender = new SocketWebhookSender();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> {
            seenHost.set(ex.getRequestHeaders().getFirst("Host"));
            clientPorts.add(ex.getRemoteAddress().getPort());
            seenSignature.set(ex.getRequestHeaders().getFirst("webhook-signature"));
            seenBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(ex, 204, new byte[0], Map.of());
        });
        server.createContext("/closing", ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            respond(ex, 200, "bye".getBytes(StandardCharsets.UTF_8), Map.of("Connection", "close"));
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
        return send("hooks.example.com", InetAddress.getLoopbackAddress(), path, timeout);
    }

    private WebhookSender.Response send(String host, InetAddress address, String path, Duration timeout) {
        int port = server.getAddress().getPort();
        UrlGuard.Target target = new UrlGuard.Target(URI.create("http://" + host + ":" + port + path + "?a=1"),
                host, port, false, address);
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

    @Test
    void aConnectionIsKeptAliveForTheNextRequestToTheSameRoute() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("/ok", Duration.ofSeconds(5)).status()).isEqualTo(204);
        }
        assertThat(clientPorts).as("one connection for three requests").hasSize(1);
        assertThat(sender.idleConnections()).isEqualTo(1);
        sender.close();
        assertThat(sender.idleConnections()).isZero();
        assertThat(send("/ok", Duration.ofSeconds(5)).status()).isEqualTo(204);
        assertThat(clientPorts).as("a new connection after close()").hasSize(2);
    }

    @Test
    void aConnectionCloseAnswerOrAFailureIsNotReused() {
        assertThat(send("/closing", Duration.ofSeconds(5)).status()).isEqualTo(200);
        assertThat(sender.idleConnections()).isZero();
        assertThat(send("/busy", Duration.ofSeconds(5)).status()).as("an HTTP failure with a length is a clean answer")
                .isEqualTo(503);
        assertThat(sender.idleConnections()).isEqualTo(1);
        assertThat(send("/hang", Duration.ofMillis(300)).error()).contains("timed out");
        assertThat(sender.idleConnections()).as("the timed-out connection is closed, not pooled").isZero();
        var big = send("/big", Duration.ofSeconds(5));
        assertThat(big.status()).isEqualTo(500);
        assertThat(sender.idleConnections()).as("a body longer than the excerpt: closed").isZero();
    }

    @Test
    void aConnectionIsNeverReusedForAnotherHostOrAnotherVettedAddress() throws Exception {
        assertThat(send("a.example.com", InetAddress.getLoopbackAddress(), "/ok", Duration.ofSeconds(5)).status()).isEqualTo(204);
        assertThat(send("b.example.com", InetAddress.getLoopbackAddress(), "/ok", Duration.ofSeconds(5)).status()).isEqualTo(204);
        assertThat(clientPorts).as("one connection per host name").hasSize(2);
        assertThat(seenHost.get()).startsWith("b.example.com:");
        // the guard now vets another address for a.example.com, where nothing listens: the pooled
        // socket to the old address must not carry the request
        InetAddress moved = InetAddress.getByName("127.0.0.2");
        var r = send("a.example.com", moved, "/ok", Duration.ofSeconds(2));
        assertThat(r.success()).isFalse();
        assertThat(clientPorts).hasSize(2);
        assertThat(sender.idleConnections()).as("a.example.com's old socket was closed, b's kept").isEqualTo(1);
    }

    @Test
    void aResponseWithoutLengthEndsTheConnectionAndAStaleOneIsRetriedOnce() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread t = new Thread(() -> {
                // 1: an answer without a length (ends at close); 2: a clean answer, then the server drops the
                // idle connection; 3: the retry of the request sent on the dropped connection
                String[] answers = {"HTTP/1.1 200 OK\r\n\r\nuntil close", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"};
                for (String answer : answers) {
                    try (java.net.Socket s = raw.accept()) {
                        accepted.incrementAndGet();
                        readRequest(s.getInputStream());
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            UrlGuard.Target target = new UrlGuard.Target(URI.create("http://hooks.example.com:" + raw.getLocalPort() + "/"),
                    "hooks.example.com", raw.getLocalPort(), false, InetAddress.getLoopbackAddress());
            var first = sender.send(target, Map.of(), new byte[]{'x'}, Duration.ofSeconds(5));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.excerpt()).isEqualTo("until close");
            assertThat(sender.idleConnections()).isZero();
            assertThat(sender.send(target, Map.of(), new byte[]{'y'}, Duration.ofSeconds(5)).excerpt()).isEqualTo("ok");
            assertThat(sender.idleConnections()).isEqualTo(1);
            var third = sender.send(target, Map.of(), new byte[]{'z'}, Duration.ofSeconds(5));
            assertThat(third.status()).as("sent again on a new connection").isEqualTo(202);
            assertThat(accepted.get()).isEqualTo(3);
            t.join(5000);
        }
    }

    /** Reads one request head and its Content-Length body. */
    private static void readRequest(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        var m = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(head);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
    }
}
