package dev.gatehouse.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local webhook receiver (JDK {@code HttpServer} on loopback) recording every request's Standard
 * Webhooks headers and body, with the time it arrived; answers {@link #status} (200 by default).
 * {@link #await} blocks until the recorded deliveries satisfy a condition (no sleeping).
 */
final class WebhookReceiver implements AutoCloseable {
    record Delivery(String id, String timestamp, String signature, String body, long receivedNanos, long receivedMillis) {
        Map<String, String> headers() {
            return Map.of("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Delivery> received = new ArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    /** While set, requests are recorded in {@link #held()} and wait for it before answering. */
    volatile java.util.concurrent.CountDownLatch hold;
    private final List<Delivery> held = new ArrayList<>();

    WebhookReceiver(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            Delivery d = new Delivery(ex.getRequestHeaders().getFirst("webhook-id"), ex.getRequestHeaders().getFirst("webhook-timestamp"),
                    ex.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8), System.nanoTime(),
                    System.currentTimeMillis());
            java.util.concurrent.CountDownLatch gate = hold;
            if (gate != null) {
                synchronized (received) {
                    held.add(d);
                    received.notifyAll();
                }
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close(); // the sender is gone by now; nothing counts as delivered
                return;
            }
            int answer = status.get();
            if (answer / 100 == 2) {
                synchronized (received) {
                    received.add(d);
                    received.notifyAll();
                }
            }
            byte[] out = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Delivery> held() {
        synchronized (received) {
            return List.copyOf(held);
        }
    }

    /** Waits until at least {@code count} requests are being held. */
    void awaitHeld(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (held.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + count + " held requests; have " + held.size());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    List<Delivery> deliveries() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until the successful deliveries satisfy {@code condition}; fails after {@code timeout}. */
    List<Delivery> await(Predicate<List<Delivery>> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (!condition.test(received)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; received " + received.size());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
