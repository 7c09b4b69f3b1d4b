package dev.gatehouse.core;

import dev.gatehouse.core.identity.PasswordHasher;

import java.security.MessageDigest;

/** A deliberately cheap hasher for unit tests (real hashers take ~100 ms). */
public final class FastHasher implements PasswordHasher {
    private final String version;

    public FastHasher() {
        this("v1");
    }

    public FastHasher(String version) {
        this.version = version;
    }

    @Override
    public String hash(char[] password) {
        return "$fast-" + version + "$" + new String(password).hashCode();
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        if (encoded == null || !encoded.startsWith("$fast-")) {
            return false;
        }
        String expected = encoded.substring(encoded.indexOf('$', 1) + 1);
        return MessageDigest.isEqual(expected.getBytes(), String.valueOf(new String(password).hashCode()).getBytes());
    }

    @Override
    public boolean needsRehash(String encoded) {
        return !encoded.startsWith("$fast-" + version + "$");
    }
}
