package dev.gatehouse.core.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard. A webhook URL must be {@code https} ({@code http} only when {@code allowHttp}, for
 * development), carry no user info, and every address its host resolves to must be public: loopback,
 * unspecified, private (RFC 1918), carrier-grade NAT, link-local (which holds the cloud metadata
 * address 169.254.169.254), unique-local ({@code fc00::/7}), multicast, IPv4-mapped (the JDK unwraps
 * {@code ::ffff:a.b.c.d} to the IPv4 address, which is then checked as such), IPv4-compatible,
 * NAT64 and 6to4 addresses are refused, unless inside a configured allow-listed CIDR (development and
 * tests). It runs at registration and again before each connection; the sender connects to the
 * {@link Target#address()} checked here, never resolving the name again (no DNS rebinding).
 */
public final class UrlGuard {
    /** Name resolution (tests substitute one). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to connect: the URL's parts and the checked address. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
        /** The request target: path and query. */
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** An address block such as {@code 127.0.0.0/8} or {@code ::1/128}. */
    public record Cidr(byte[] network, int bits) {
        public static Optional<Cidr> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.strip();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            if (addr.isEmpty() || !addr.matches("[0-9A-Fa-f:.]+")) {
                return Optional.empty(); // literals only: never a DNS lookup here
            }
            try {
                byte[] raw = InetAddress.getByName(addr).getAddress();
                int bits = slash < 0 ? raw.length * 8 : Integer.parseInt(t.substring(slash + 1));
                if (bits < 0 || bits > raw.length * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Cidr(raw, bits));
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
            } catch (UnknownHostException e) {
                return Arrays.toString(network) + "/" + bits;
            }
        }
    }

    private static final List<Cidr> REFUSED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "fc00::/7", "fe80::/10",
            "fec0::/10", "ff00::/8").stream().map(c -> Cidr.parse(c).orElseThrow()).toList();

    /** An IPv4 or IPv6 literal (no DNS lookup for it). */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean allowHttp;
    private final List<Cidr> allowed;
    private final Resolver resolver;

    public UrlGuard(boolean allowHttp, List<Cidr> allowed, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowed = List.copyOf(allowed);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Production defaults: https only, no allow-list, the system resolver. */
    public static UrlGuard strict() {
        return new UrlGuard(false, List.of(), InetAddress::getAllByName);
    }

    /** Parses comma-separated CIDRs; a malformed entry throws (configuration error, named). */
    public static List<Cidr> cidrs(String commaSeparated) {
        List<Cidr> out = new ArrayList<>();
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return out;
        }
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(Cidr.parse(part).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + part.strip())));
            }
        }
        return out;
    }

    public boolean allowsHttp() {
        return allowHttp;
    }

    /** Whether the address is refused (not public and not allow-listed). */
    public boolean refused(InetAddress a) {
        if (allowed.stream().anyMatch(c -> c.contains(a))) {
            return false;
        }
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address)) {
            return true;
        }
        return REFUSED.stream().anyMatch(c -> c.contains(a));
    }

    /** The URL's shape alone (no resolution): empty when acceptable, else the problem. */
    public Optional<String> shapeProblem(String url) {
        return parse(url).isPresent() ? Optional.empty() : Optional.of(shapeError(url));
    }

    private String shapeError(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > WebhookEndpoint.MAX_URL_LENGTH) {
            return "must be at most " + WebhookEndpoint.MAX_URL_LENGTH + " characters";
        }
        if (allowHttp) {
            return "must be an absolute http(s) URL with a host and no user info";
        }
        return url.strip().regionMatches(true, 0, "http:", 0, 5)
                ? "must be an https URL (plain http only where the server allows it for development: GATEHOUSE_WEBHOOKS_ALLOW_HTTP=on)"
                : "must be an absolute https URL with a host and no user info";
    }

    private Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.length() > WebhookEndpoint.MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || (allowHttp && scheme.equals("http")))) {
                return Optional.empty();
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                    || uri.getPort() > 65535) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Resolves the URL's host once and checks every address; the target connects to the first one.
     *
     * @return the target, or the reason it is refused (for a 422 or a failed attempt)
     */
    public Checked check(String url) {
        Optional<URI> parsed = parse(url);
        if (parsed.isEmpty()) {
            return new Checked(null, shapeError(url));
        }
        URI uri = parsed.get();
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = LITERAL.matcher(bare).matches() ? new InetAddress[]{InetAddress.getByName(bare)}
                    : resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            return new Checked(null, "host " + bare + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return new Checked(null, "host " + bare + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (refused(a)) {
                return new Checked(null, "resolves to a non-public address (" + a.getHostAddress() + "), which is refused "
                        + "(development only: the server's GATEHOUSE_WEBHOOKS_ALLOW_CIDRS exempts networks)");
            }
        }
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Checked(new Target(uri, bare, port, tls, addresses[0]), null);
    }

    /** The target or the refusal. */
    public record Checked(Target target, String problem) {
        public boolean ok() {
            return target != null;
        }
    }
}
