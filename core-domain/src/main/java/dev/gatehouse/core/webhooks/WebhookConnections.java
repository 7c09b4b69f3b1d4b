package dev.gatehouse.core.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Idle persistent connections of {@link SocketWebhookSender}, per route: scheme, host (the TLS name
 * and {@code Host} header), port and the address the {@link UrlGuard} vetted. A connection is only
 * handed out for the very address just vetted; when the guard's answer for a host changes, the host's
 * idle connections to the old address are closed (a changed DNS answer never rides an old socket,
 * and a newly refused address never gets that far: the guard refuses before the pool is asked).
 * Reuse is newest first; a connection idle longer than {@code idleTimeout} (below the common server
 * keep-alive timeouts) is closed instead, and at most {@code maxIdlePerRoute} / {@code maxIdleTotal}
 * are kept.
 */
final class WebhookConnections {
    /** Where a connection goes: never reused for another host name, port, scheme or address. */
    record Route(boolean tls, String host, int port, InetAddress address) {
        Origin origin() {
            return new Origin(tls, host, port);
        }
    }

    private record Origin(boolean tls, String host, int port) {
    }

    /** An open connection with its read buffer (the deadline is applied before each socket read). */
    static final class Connection {
        final Route route;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;
        long deadline;
        long idleSince;

        Connection(Route route, Socket socket) throws IOException {
            this.route = route;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** The next byte, or -1 at the end of the stream. */
        int read() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        /** Up to {@code len} bytes into {@code dst}; -1 at the end of the stream. */
        int read(byte[] dst, int off, int len) throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }

        /** Whether bytes beyond the response were received (nothing may follow a response). */
        boolean unread() throws IOException {
            return pos < lim || in.available() > 0;
        }

        private boolean fill() throws IOException {
            long ms = (deadline - System.nanoTime()) / 1_000_000;
            if (ms <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }
    }

    private static final class Idle {
        final InetAddress address;
        final ArrayDeque<Connection> connections = new ArrayDeque<>();

        Idle(InetAddress address) {
            this.address = address;
        }
    }

    private final Map<Origin, Idle> idle = new HashMap<>();
    private final int maxIdlePerRoute;
    private final int maxIdleTotal;
    private final long idleTimeoutNanos;
    private int total;
    private long lastSweep = System.nanoTime();

    WebhookConnections(int maxIdlePerRoute, int maxIdleTotal, java.time.Duration idleTimeout) {
        this.maxIdlePerRoute = maxIdlePerRoute;
        this.maxIdleTotal = maxIdleTotal;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    /** An idle connection for exactly this route, or null (the caller opens one). */
    Connection take(Route route) {
        List<Connection> toClose = new ArrayList<>();
        Connection found = null;
        long now = System.nanoTime();
        synchronized (this) {
            sweep(now, toClose);
            Idle forOrigin = idle.get(route.origin());
            if (forOrigin != null && !forOrigin.address.equals(route.address())) {
                toClose.addAll(forOrigin.connections); // the host resolves elsewhere now: drop the old address's sockets
                total -= forOrigin.connections.size();
                idle.remove(route.origin());
                forOrigin = null;
            }
            while (forOrigin != null && found == null && !forOrigin.connections.isEmpty()) {
                Connection c = forOrigin.connections.pollFirst();
                total--;
                if (now - c.idleSince > idleTimeoutNanos) {
                    toClose.add(c);
                } else {
                    found = c;
                }
            }
        }
        toClose.forEach(Connection::close);
        return found;
    }

    /** Returns a connection whose last exchange ended cleanly; closes it when the pool is full or the host moved. */
    void give(Connection c) {
        boolean keep;
        synchronized (this) {
            Idle forOrigin = idle.computeIfAbsent(c.route.origin(), o -> new Idle(c.route.address()));
            keep = forOrigin.address.equals(c.route.address()) && forOrigin.connections.size() < maxIdlePerRoute
                    && total < maxIdleTotal;
            if (keep) {
                c.idleSince = System.nanoTime();
                forOrigin.connections.addFirst(c);
                total++;
            }
        }
        if (!keep) {
            c.close();
        }
    }

    /** Closes every idle connection (the pool stays usable). */
    void closeIdle() {
        List<Connection> toClose = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(i -> toClose.addAll(i.connections));
            idle.clear();
            total = 0;
        }
        toClose.forEach(Connection::close);
    }

    synchronized int idleCount() {
        return total;
    }

    /** At most once per idle timeout: closes the expired idle connections of every route. */
    private void sweep(long now, List<Connection> toClose) {
        if (now - lastSweep < idleTimeoutNanos) {
            return;
        }
        lastSweep = now;
        for (Iterator<Idle> it = idle.values().iterator(); it.hasNext(); ) {
            Idle i = it.next();
            for (Iterator<Connection> c = i.connections.iterator(); c.hasNext(); ) {
                Connection conn = c.next();
                if (now - conn.idleSince > idleTimeoutNanos) {
                    c.remove();
                    total--;
                    toClose.add(conn);
                }
            }
            if (i.connections.isEmpty()) {
                it.remove();
            }
        }
    }
}
