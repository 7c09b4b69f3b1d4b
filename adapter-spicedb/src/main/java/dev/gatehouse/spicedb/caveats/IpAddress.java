package dev.gatehouse.spicedb.caveats;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * SpiceDB's {@code ipaddress} caveat type: an IPv4 or IPv6 address (numeric only, never resolved),
 * with {@code in_cidr("10.0.0.0/8")}.
 */
record IpAddress(byte[] bytes, String text) {

    static IpAddress parse(String s) {
        if (!isNumeric(s)) {
            throw new IllegalArgumentException("invalid IP address \"" + s + "\"");
        }
        try {
            return new IpAddress(InetAddress.getByName(s).getAddress(), s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address \"" + s + "\"");
        }
    }

    /** Only IPv4 dotted quads and IPv6 hex/colon forms: {@link InetAddress} must never do a DNS lookup. */
    private static boolean isNumeric(String s) {
        return !s.isEmpty() && (s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    /** Whether this address lies in {@code cidr}; a malformed CIDR is false, as in SpiceDB. */
    boolean inCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        IpAddress network;
        int prefix;
        try {
            network = parse(cidr.substring(0, slash));
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] a = bytes;
        byte[] n = network.bytes;
        if (a.length != n.length || prefix < 0 || prefix > a.length * 8) {
            return false;
        }
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(a.length * 8).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(a.length * 8 - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }
}
