package dev.gatehouse.core.webhooks;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a JDK socket connected to the address the {@link UrlGuard} checked (never a second
 * DNS lookup), so DNS rebinding cannot redirect a delivery. For https the TLS layer gets the URL's host
 * for SNI and verifies the certificate against it (endpoint identification {@code HTTPS}). Redirects
 * are returned as they are (a 3xx is a failure, never followed); reading stops after the status line,
 * the headers and a 4 KiB excerpt. The whole exchange has {@code timeout} (15 s in production) as its
 * deadline, a reused connection's included.
 *
 * <p>Connections are kept alive (ADR 0041): after a response whose end is certain (a
 * {@code Content-Length} read to the end, or a chunked body read to its last chunk) the connection
 * goes back to a small pool ({@link WebhookConnections}) keyed by scheme, host, port and the vetted
 * address, and the next request to that route reuses it. Any doubt closes it instead: an error or a
 * timeout, a response without a length, {@code Connection: close}, HTTP/1.0, a body longer than the
 * excerpt, bytes after the response, an oversized header section, conflicting lengths. A request on a
 * reused connection that fails before the first byte of a response (the server closed the idle
 * connection meanwhile) is sent once more on a new connection, within the same deadline: webhook
 * delivery is at-least-once, and receivers deduplicate on {@code webhook-id}.
 */
public final class SocketWebhookSender implements WebhookSender {
    private static final int MAX_HEAD = 16 * 1024;
    /** Idle connections kept per route by default: the dispatcher's default requests in flight. */
    public static final int DEFAULT_IDLE_PER_ROUTE = 32;
    /** Idle connections kept in all by default. */
    public static final int DEFAULT_IDLE_TOTAL = 256;
    /** An idle connection older than this is closed, not reused: below common server keep-alive timeouts (Node.js: 5 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(4);
    private final SSLSocketFactory tls;
    private final WebhookConnections pool;

    public SocketWebhookSender() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public SocketWebhookSender(SSLSocketFactory tls) {
        this(tls, DEFAULT_IDLE_PER_ROUTE, DEFAULT_IDLE_TOTAL, DEFAULT_IDLE_TIMEOUT);
    }

    /** @param maxIdlePerRoute 0 turns keep-alive off (a new connection per request) */
    public SocketWebhookSender(SSLSocketFactory tls, int maxIdlePerRoute, int maxIdleTotal, Duration idleTimeout) {
        this.tls = tls;
        this.pool = new WebhookConnections(maxIdlePerRoute, maxIdleTotal, idleTimeout);
    }

    /** Idle connections held now (tests). */
    int idleConnections() {
        return pool.idleCount();
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        pool.closeIdle();
    }

    /** A response and whether the connection may carry another request. */
    private record Exchange(Response response, boolean reusable) {
    }

    /** A reused connection failed before any response byte: the request may be sent again on a new one. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause);
        }
    }

    @Override
    public Response send(UrlGuard.Target target, Map<String, String> headers, byte[] body, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        WebhookConnections.Route route = new WebhookConnections.Route(target.tls(), target.host(), target.port(), target.address());
        byte[] request = request(target, headers, body);
        WebhookConnections.Connection c = pool.take(route);
        try {
            if (c != null) {
                try {
                    return finish(c, exchange(c, request, deadline, true), start);
                } catch (StaleConnection stale) {
                    c.close();
                }
            }
            c = open(route, target, deadline);
            return finish(c, exchange(c, request, deadline, false), start);
        } catch (SocketTimeoutException e) {
            close(c);
            return new Response(0, null, null, millis(start), "timed out after " + timeout.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            close(c);
            Throwable cause = e instanceof StaleConnection && e.getCause() != null ? e.getCause() : e;
            String m = cause.getMessage();
            return new Response(0, null, null, millis(start),
                    cause.getClass().getSimpleName() + (m == null ? "" : ": " + truncate(m)));
        }
    }

    private static void close(WebhookConnections.Connection c) {
        if (c != null) {
            c.close();
        }
    }

    private Response finish(WebhookConnections.Connection c, Exchange e, long start) throws IOException {
        if (e.reusable() && !c.unread()) {
            pool.give(c);
        } else {
            c.close();
        }
        Response r = e.response();
        return new Response(r.status(), r.excerpt(), r.retryAfter(), millis(start), r.error());
    }

    private WebhookConnections.Connection open(WebhookConnections.Route route, UrlGuard.Target target, long deadline)
            throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(target.address(), target.port()), remaining(deadline));
            Socket s = raw;
            if (target.tls()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(remaining(deadline));
                ssl.startHandshake();
                s = ssl;
            }
            return new WebhookConnections.Connection(route, s);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The request's bytes: head and body in one buffer, sent with one write. */
    private static byte[] request(UrlGuard.Target target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256);
        head.append("POST ").append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
        boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
        String hostHeader = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        head.append("Host: ").append(hostHeader);
        if (!defaultPort) {
            head.append(':').append(target.port());
        }
        head.append("\r\n");
        for (var h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue().replace("\r", "").replace("\n", "")).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static Exchange exchange(WebhookConnections.Connection c, byte[] request, long deadline, boolean reused)
            throws IOException {
        c.deadline = deadline;
        String statusLine;
        try {
            c.socket.setSoTimeout(remaining(deadline));
            c.out.write(request);
            c.out.flush();
            statusLine = line(c);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw reused ? new StaleConnection(e) : e;
        }
        if (statusLine == null) {
            if (reused) {
                throw new StaleConnection(new java.io.EOFException("connection closed before a response"));
            }
            return new Exchange(new Response(0, null, null, 0, "the response is not HTTP/1.x"), false);
        }
        if (!statusLine.startsWith("HTTP/1.")) {
            return new Exchange(new Response(0, null, null, 0, "the response is not HTTP/1.x"), false);
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return new Exchange(new Response(0, null, null, 0, "malformed status line"), false);
        }
        boolean reusable = statusLine.startsWith("HTTP/1.1 ") && status >= 200;
        Duration retryAfter = null;
        long contentLength = -1;
        boolean chunked = false;
        int headBytes = 0;
        String line;
        while ((line = line(c)) != null && !line.isEmpty()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD) {
                reusable = false;
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "retry-after" -> retryAfter = retryAfter(value);
                case "content-length" -> {
                    long parsed;
                    try {
                        parsed = Long.parseLong(value);
                    } catch (NumberFormatException ignored) {
                        parsed = -1;
                    }
                    if (parsed < 0 || (contentLength >= 0 && contentLength != parsed)) {
                        reusable = false;
                    }
                    contentLength = parsed;
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> {
                    if (value.toLowerCase(Locale.ROOT).contains("close")) {
                        reusable = false;
                    }
                }
                default -> {
                }
            }
        }
        if (line == null || (chunked && contentLength >= 0)) {
            reusable = false;
        }
        Body excerpt = excerpt(c, status, contentLength, chunked);
        return new Exchange(new Response(status, excerpt.text(), retryAfter, 0, null), reusable && excerpt.complete());
    }

    private static String truncate(String m) {
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String line(WebhookConnections.Connection c) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        while (true) {
            int b = c.read();
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String l = buf.toString(StandardCharsets.ISO_8859_1);
                return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            }
            if (buf.size() > MAX_HEAD) {
                throw new IOException("header line too long");
            }
            buf.write(b);
        }
    }

    /** The excerpt, and whether the body was read to its certain end (the connection may be reused). */
    private record Body(String text, boolean complete) {
    }

    private static Body excerpt(WebhookConnections.Connection c, int status, long contentLength, boolean chunked)
            throws IOException {
        if (status == 204 || status == 304 || status / 100 == 1 || (contentLength == 0 && !chunked)) {
            return new Body("", true);
        }
        int max = WebhookDelivery.MAX_EXCERPT_BYTES;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = false;
        if (chunked) {
            boolean boundary = false; // the last chunk read was read whole, its CRLF included
            while (body.size() < max) {
                boundary = false;
                String sizeLine = line(c);
                if (sizeLine == null) {
                    break;
                }
                int semi = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size < 0) {
                    break;
                }
                if (size == 0) {
                    complete = trailers(c);
                    break;
                }
                int take = Math.min(size, max - body.size());
                if (readInto(c, body, take) < take || take < size) {
                    break;
                }
                if (!"".equals(line(c))) {
                    break;
                }
                boundary = true;
            }
            if (!complete && boundary && body.size() >= max) {
                // the excerpt is full: is the next chunk the last one?
                String sizeLine = line(c);
                complete = sizeLine != null && sizeLine.strip().equals("0") && trailers(c);
            }
        } else {
            long want = contentLength < 0 ? max : Math.min(max, contentLength);
            int read = readInto(c, body, (int) want);
            complete = contentLength >= 0 && read == contentLength;
        }
        return new Body(utf8Prefix(body.toByteArray()), complete);
    }

    /** Reads the trailer section to its empty line; false when the stream ends first. */
    private static boolean trailers(WebhookConnections.Connection c) throws IOException {
        int bytes = 0;
        String line;
        while ((line = line(c)) != null) {
            if (line.isEmpty()) {
                return true;
            }
            bytes += line.length();
            if (bytes > MAX_HEAD) {
                return false;
            }
        }
        return false;
    }

    /** Reads up to {@code count} bytes; returns how many arrived before the end of the stream. */
    private static int readInto(WebhookConnections.Connection c, ByteArrayOutputStream out, int count) throws IOException {
        byte[] buf = new byte[Math.min(count, 4096) + 1];
        int left = count;
        while (left > 0) {
            int n = c.read(buf, 0, Math.min(left, buf.length));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return count - left;
    }

    /** Decodes as UTF-8, dropping a character cut in half at the end. */
    static String utf8Prefix(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.endsWith("\uFFFD") ? text.substring(0, text.length() - 1) : text;
    }

    /** Seconds or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
