package dev.gatehouse.core.tokens;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Gatehouse access tokens offline with the JDK alone, so a JVM service embedding
 * {@code core-domain} needs nothing else: give it the project's JWKS (the JSON of
 * {@code GET /api/v1/projects/{id}/jwks.json}, or {@link Jwk}s) and a clock.
 * <p>
 * It accepts a compact JWS only when: the header names a {@code kid} found in the key set; its
 * {@code alg} is {@code EdDSA} or {@code ES256} (never {@code none}, never an HMAC: a public key is
 * not a shared secret) <em>and</em> matches that key's {@code kty}/{@code crv} (and the JWK's own
 * {@code alg}, when it has one); no {@code crit} header; the signature verifies ({@code ES256} in
 * JOSE {@code r‖s} form); the claims carry a numeric {@code exp} not in the past and any
 * {@code nbf}/{@code iat} is not in the future, each with {@link #DEFAULT_LEEWAY} by default; and the
 * issuer matches when one is required. Anything else is a {@link Rejected} with a typed reason:
 * no input makes it throw.
 */
public final class AccessTokenVerifier {
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** Why a token was refused. */
    public enum Reason {
        /** Not three base64url parts of JSON header and claims, or a claim of the wrong type. */
        MALFORMED,
        /** {@code alg} is not EdDSA or ES256 ({@code none}, {@code HS256}, …), or a {@code crit} header. */
        UNSUPPORTED_ALGORITHM,
        MISSING_KID,
        UNKNOWN_KID,
        /** The header's {@code alg} does not fit the key the {@code kid} names. */
        ALGORITHM_KEY_MISMATCH,
        /** The key set's entry for the {@code kid} is not a usable public key. */
        INVALID_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        ISSUED_IN_FUTURE,
        MISSING_EXPIRY,
        WRONG_ISSUER
    }

    /** The outcome of {@link #verify}. */
    public sealed interface Outcome permits Verified, Rejected {
        default boolean valid() {
            return this instanceof Verified;
        }
    }

    /** A valid token's header and claims. */
    public record Verified(Map<String, Object> header, Map<String, Object> claims) implements Outcome {
        public Optional<String> claim(String name) {
            return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
        }

        /** The space-separated {@code scope} claim as a list. */
        public List<String> scopes() {
            return claim("scope").map(s -> Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        }
    }

    public record Rejected(Reason reason, String detail) implements Outcome {
    }

    private record Entry(Jwk jwk, PublicKey key) {
    }

    private final Map<String, Entry> keys;
    private final Clock clock;
    private final Duration leeway;
    private final String issuer;

    private AccessTokenVerifier(Map<String, Entry> keys, Clock clock, Duration leeway, String issuer) {
        this.keys = keys;
        this.clock = clock;
        this.leeway = leeway;
        this.issuer = issuer;
    }

    public static AccessTokenVerifier of(List<Jwk> jwks, Clock clock) {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(clock, "clock");
        Map<String, Entry> keys = new LinkedHashMap<>();
        for (Jwk jwk : jwks) {
            keys.putIfAbsent(jwk.kid(), new Entry(jwk, publicKey(jwk).orElse(null)));
        }
        return new AccessTokenVerifier(Map.copyOf(keys), clock, DEFAULT_LEEWAY, null);
    }

    /**
     * From a JWKS document ({@code {"keys": [...]}}); entries that are not objects with string
     * {@code kty} and {@code kid} are skipped.
     *
     * @throws IllegalArgumentException when the document is not a JWKS at all
     */
    public static AccessTokenVerifier fromJwks(String json, Clock clock) {
        Map<String, Object> doc;
        try {
            doc = Jose.parseObject(json);
        } catch (Jose.MalformedException e) {
            throw new IllegalArgumentException("not a JWKS: " + e.getMessage());
        }
        if (!(doc.get("keys") instanceof List<?> list)) {
            throw new IllegalArgumentException("not a JWKS: no keys array");
        }
        List<Jwk> jwks = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                Jwk.fromMembers(m).ifPresent(jwks::add);
            }
        }
        return of(jwks, clock);
    }

    /** The same key set and clock, with another allowance for clock skew (0 to 5 minutes). */
    public AccessTokenVerifier withLeeway(Duration leeway) {
        if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("leeway must be between 0 and 5 minutes");
        }
        return new AccessTokenVerifier(keys, clock, leeway, issuer);
    }

    /** The same, also requiring this {@code iss}. */
    public AccessTokenVerifier requiringIssuer(String issuer) {
        return new AccessTokenVerifier(keys, clock, leeway, Objects.requireNonNull(issuer, "issuer"));
    }

    public Outcome verify(String token) {
        try {
            return check(token);
        } catch (Jose.MalformedException e) {
            return new Rejected(Reason.MALFORMED, e.getMessage());
        } catch (RuntimeException e) {
            // defensive: a JDK provider surprise must still be a rejection, never an escape
            return new Rejected(Reason.MALFORMED, "unreadable token");
        }
    }

    private Outcome check(String token) throws Jose.MalformedException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new Rejected(Reason.MALFORMED, "no token, or longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return new Rejected(Reason.MALFORMED, "not a compact JWS (header.payload.signature)");
        }
        Map<String, Object> header = Jose.parseObject(utf8(Jose.unb64(parts[0])));
        Object alg = header.get("alg");
        if (!(alg instanceof String algName)) {
            return new Rejected(Reason.UNSUPPORTED_ALGORITHM, "no alg");
        }
        Optional<SigningAlgorithm> algorithm = SigningAlgorithm.byJwsName(algName);
        if (algorithm.isEmpty()) {
            return new Rejected(Reason.UNSUPPORTED_ALGORITHM, "alg " + printable(algName) + " is not accepted (EdDSA or ES256)");
        }
        if (header.containsKey("crit")) {
            return new Rejected(Reason.UNSUPPORTED_ALGORITHM, "crit header parameters are not understood");
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
            return new Rejected(Reason.MISSING_KID, "the header names no kid");
        }
        Entry entry = keys.get(kid);
        if (entry == null) {
            return new Rejected(Reason.UNKNOWN_KID, "no key " + printable(kid) + " in the key set");
        }
        SigningAlgorithm a = algorithm.get();
        Jwk jwk = entry.jwk();
        if (!a.kty().equals(jwk.kty()) || !a.crv().equals(jwk.crv()) || (jwk.alg() != null && !jwk.alg().equals(a.jwsName()))
                || (jwk.use() != null && !jwk.use().equals("sig"))) {
            return new Rejected(Reason.ALGORITHM_KEY_MISMATCH, "alg " + a.jwsName() + " does not fit key " + printable(kid)
                    + " (" + jwk.kty() + "/" + jwk.crv() + ")");
        }
        if (entry.key() == null) {
            return new Rejected(Reason.INVALID_KEY, "key " + printable(kid) + " is not a valid " + a.crv() + " public key");
        }
        byte[] signature = Jose.unb64(parts[2]);
        if (!signatureValid(a, entry.key(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature)) {
            return new Rejected(Reason.BAD_SIGNATURE, "the signature does not verify");
        }
        Map<String, Object> claims = Jose.parseObject(utf8(Jose.unb64(parts[1])));
        return times(header, claims);
    }

    private Outcome times(Map<String, Object> header, Map<String, Object> claims) throws Jose.MalformedException {
        Instant now = clock.instant();
        Long exp = seconds(claims, "exp");
        if (exp == null) {
            return new Rejected(Reason.MISSING_EXPIRY, "no exp claim");
        }
        if (!now.isBefore(Instant.ofEpochSecond(exp).plus(leeway))) {
            return new Rejected(Reason.EXPIRED, "expired at " + Instant.ofEpochSecond(exp));
        }
        Long nbf = seconds(claims, "nbf");
        if (nbf != null && now.plus(leeway).isBefore(Instant.ofEpochSecond(nbf))) {
            return new Rejected(Reason.NOT_YET_VALID, "not valid before " + Instant.ofEpochSecond(nbf));
        }
        Long iat = seconds(claims, "iat");
        if (iat != null && now.plus(leeway).isBefore(Instant.ofEpochSecond(iat))) {
            return new Rejected(Reason.ISSUED_IN_FUTURE, "issued in the future");
        }
        if (issuer != null && !issuer.equals(claims.get("iss"))) {
            return new Rejected(Reason.WRONG_ISSUER, "iss is not " + issuer);
        }
        return new Verified(java.util.Collections.unmodifiableMap(header), java.util.Collections.unmodifiableMap(claims));
    }

    /** A NumericDate claim in whole seconds; null when absent. */
    private static Long seconds(Map<String, Object> claims, String name) throws Jose.MalformedException {
        Object v = claims.get(name);
        if (v == null && !claims.containsKey(name)) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigDecimal d && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) < 0
                && d.compareTo(BigDecimal.valueOf(-Long.MAX_VALUE / 1000)) > 0) {
            return d.longValue();
        }
        throw new Jose.MalformedException(name + " is not a NumericDate");
    }

    private static boolean signatureValid(SigningAlgorithm a, PublicKey key, byte[] input, byte[] signature) {
        try {
            Signature s;
            if (a == SigningAlgorithm.EDDSA) {
                if (signature.length != 64) {
                    return false;
                }
                s = Signature.getInstance("Ed25519");
            } else {
                signature = Jose.rawToDer(signature);
                s = Signature.getInstance("SHA256withECDSA");
            }
            s.initVerify(key);
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException | Jose.MalformedException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<PublicKey> publicKey(Jwk jwk) {
        try {
            if ("OKP".equals(jwk.kty()) && "Ed25519".equals(jwk.crv())) {
                byte[] x = Jose.unb64(jwk.x());
                if (x.length != 32) {
                    return Optional.empty();
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            }
            if ("EC".equals(jwk.kty()) && "P-256".equals(jwk.crv())) {
                byte[] x = Jose.unb64(jwk.x());
                byte[] y = Jose.unb64(jwk.y());
                if (x.length != 32 || y.length != 32) {
                    return Optional.empty();
                }
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
                if (!onCurve(point, spec)) {
                    return Optional.empty();
                }
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec)));
            }
            return Optional.empty();
        } catch (GeneralSecurityException | Jose.MalformedException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** y² = x³ + ax + b (mod p), with both coordinates below p: refuses invalid-curve points. */
    private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
        BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static String utf8(byte[] bytes) throws Jose.MalformedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Jose.MalformedException("not UTF-8");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
