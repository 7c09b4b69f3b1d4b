package dev.gatehouse.core.webhooks;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * for SNI and verifies the certificate against it (endpoint identification {@code HTTPS}). One
 * request per connection ({@code Connection: close}); redirects are returned as they are (a 3xx is a
 * failure, never followed); reading stops after the status line, the headers and a 4 KiB excerpt.
 * The whole exchange has {@code timeout} (15 s in production) as its deadline.
 */
public final class SocketWebhookSender implements WebhookSender {
    private static final int MAX_HEAD = 16 * 1024;
    private final SSLSocketFactory tls;

    public SocketWebhookSender() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public SocketWebhookSender(SSLSocketFactory tls) {
        this.tls = tls;
    }

    @Override
    public Response send(UrlGuard.Target target, Map<String, String> headers, byte[] body, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(target.address(), target.port()), (int) Math.max(1, timeout.toMillis()));
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
            s.setSoTimeout(remaining(deadline));
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
            boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
            String hostHeader = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
            head.append("Host: ").append(hostHeader).append(defaultPort ? "" : ":" + target.port()).append("\r\n");
            for (var h : headers.entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue().replace("\r", "").replace("\n", "")).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String statusLine = line(in, deadline, s);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                return new Response(0, null, null, millis(start), "the response is not HTTP/1.x");
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                return new Response(0, null, null, millis(start), "malformed status line");
            }
            Duration retryAfter = null;
            long contentLength = -1;
            boolean chunked = false;
            int headBytes = 0;
            String line;
            while ((line = line(in, deadline, s)) != null && !line.isEmpty()) {
                headBytes += line.length();
                if (headBytes > MAX_HEAD) {
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
                        try {
                            contentLength = Long.parseLong(value);
                        } catch (NumberFormatException ignored) {
                            contentLength = -1;
                        }
                    }
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> {
                    }
                }
            }
            String excerpt = excerpt(in, deadline, s, status, contentLength, chunked);
            return new Response(status, excerpt, retryAfter, millis(start), null);
        } catch (SocketTimeoutException e) {
            return new Response(0, null, null, millis(start), "timed out after " + timeout.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            return new Response(0, null, null, millis(start), e.getClass().getSimpleName() + (m == null ? "" : ": " + truncate(m)));
        }
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

    private static String line(InputStream in, long deadline, Socket s) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            s.setSoTimeout(remaining(deadline));
            int b = in.read();
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

    private static String excerpt(InputStream in, long deadline, Socket s, int status, long contentLength, boolean chunked)
            throws IOException {
        if (status == 204 || status == 304 || status / 100 == 1 || contentLength == 0) {
            return "";
        }
        int max = WebhookDelivery.MAX_EXCERPT_BYTES;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            while (body.size() < max) {
                String sizeLine = line(in, deadline, s);
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
                if (size <= 0) {
                    break;
                }
                int take = Math.min(size, max - body.size());
                readInto(in, body, take, deadline, s);
                if (take < size) {
                    break;
                }
                line(in, deadline, s);
            }
        } else {
            long want = contentLength < 0 ? max : Math.min(max, contentLength);
            readInto(in, body, (int) want, deadline, s);
        }
        return utf8Prefix(body.toByteArray());
    }

    private static void readInto(InputStream in, ByteArrayOutputStream out, int count, long deadline, Socket s) throws IOException {
        byte[] buf = new byte[Math.min(count, 4096) + 1];
        int left = count;
        while (left > 0) {
            s.setSoTimeout(remaining(deadline));
            int n = in.read(buf, 0, Math.min(left, buf.length));
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
            left -= n;
        }
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
