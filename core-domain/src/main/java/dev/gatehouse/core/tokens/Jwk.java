package dev.gatehouse.core.tokens;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A public JSON Web Key (RFC 7517) of a signing key: {@code OKP}/{@code Ed25519} (RFC 8037) or
 * {@code EC}/{@code P-256}; {@code y} is null for OKP.
 */
public record Jwk(String kty, String crv, String x, String y, String kid, String alg, String use) {
    public Jwk {
        Objects.requireNonNull(kty, "kty");
        Objects.requireNonNull(kid, "kid");
    }

    /** The members as they appear in a JWKS, without nulls. */
    public Map<String, Object> members() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kty", kty);
        if (crv != null) {
            m.put("crv", crv);
        }
        if (x != null) {
            m.put("x", x);
        }
        if (y != null) {
            m.put("y", y);
        }
        m.put("kid", kid);
        if (alg != null) {
            m.put("alg", alg);
        }
        if (use != null) {
            m.put("use", use);
        }
        return m;
    }

    /** A JWK from parsed JSON members; empty when a required member is missing or not a string. */
    public static Optional<Jwk> fromMembers(Map<?, ?> m) {
        Object kty = m.get("kty");
        Object kid = m.get("kid");
        if (!(kty instanceof String k) || !(kid instanceof String id)) {
            return Optional.empty();
        }
        for (String member : new String[]{"crv", "x", "y", "alg", "use"}) {
            Object v = m.get(member);
            if (v != null && !(v instanceof String)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Jwk(k, (String) m.get("crv"), (String) m.get("x"), (String) m.get("y"), id,
                (String) m.get("alg"), (String) m.get("use")));
    }
}
