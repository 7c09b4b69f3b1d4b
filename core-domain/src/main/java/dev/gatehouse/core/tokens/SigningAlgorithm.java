package dev.gatehouse.core.tokens;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The JWS algorithms of project signing keys: {@code EdDSA} over Ed25519 (RFC 8037, the default) and
 * {@code ES256} (ECDSA over P-256 with SHA-256, RFC 7518). Each fixes the JWK {@code kty}/{@code crv}
 * its keys have, which is what the verifier checks a token's {@code alg} against.
 */
public enum SigningAlgorithm {
    EDDSA("EdDSA", "OKP", "Ed25519"),
    ES256("ES256", "EC", "P-256");

    public static final SigningAlgorithm DEFAULT = EDDSA;
    private static final int COORDINATE_BYTES = 32;

    private final String jwsName;
    private final String kty;
    private final String crv;

    SigningAlgorithm(String jwsName, String kty, String crv) {
        this.jwsName = jwsName;
        this.kty = kty;
        this.crv = crv;
    }

    /** The JWS {@code alg} value. */
    public String jwsName() {
        return jwsName;
    }

    public String kty() {
        return kty;
    }

    public String crv() {
        return crv;
    }

    /** By JWS name ({@code EdDSA}, {@code ES256}); case-sensitive as in JOSE headers. */
    public static Optional<SigningAlgorithm> byJwsName(String name) {
        return Arrays.stream(values()).filter(a -> a.jwsName.equals(name)).findFirst();
    }

    /** Lenient form for request input: {@code eddsa}, {@code Ed25519}, {@code es256}. */
    public static Optional<SigningAlgorithm> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "eddsa", "ed25519" -> Optional.of(EDDSA);
            case "es256" -> Optional.of(ES256);
            default -> Optional.empty();
        };
    }

    private String jcaKeyAlgorithm() {
        return this == EDDSA ? "Ed25519" : "EC";
    }

    /** A fresh key pair (public X.509 SubjectPublicKeyInfo, private PKCS#8 via {@code getEncoded()}). */
    public KeyPair generate() {
        try {
            if (this == EDDSA) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jwsName + " keys are not available in this JDK", e);
        }
    }

    public PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(jcaKeyAlgorithm()).generatePublic(new X509EncodedKeySpec(x509));
    }

    public PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(jcaKeyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** The JWK coordinates of a public key: {@code x} (and {@code y} for EC), unpadded base64url. */
    public String[] coordinates(byte[] x509) {
        if (this == EDDSA) {
            // an Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix followed by the 32-byte key
            return new String[]{Jose.b64(Arrays.copyOfRange(x509, x509.length - COORDINATE_BYTES, x509.length))};
        }
        try {
            ECPublicKey ec = (ECPublicKey) publicKey(x509);
            return new String[]{Jose.b64(fixed(ec.getW().getAffineX().toByteArray())),
                    Jose.b64(fixed(ec.getW().getAffineY().toByteArray()))};
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /** A big-endian unsigned integer as exactly 32 bytes. */
    static byte[] fixed(byte[] twosComplement) {
        int start = 0;
        while (start < twosComplement.length - 1 && twosComplement[start] == 0) {
            start++;
        }
        int len = twosComplement.length - start;
        if (len > COORDINATE_BYTES) {
            throw new IllegalArgumentException("coordinate too long");
        }
        byte[] out = new byte[COORDINATE_BYTES];
        System.arraycopy(twosComplement, start, out, COORDINATE_BYTES - len, len);
        return out;
    }
}
